package dev.deepfakeguard.keycloak.alerting;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DeepfakeRateCounterTest {

    private static final DeepfakeRateSettings THREE_IN_TEN_MINUTES = new DeepfakeRateSettings(3,
            Duration.ofMinutes(10));
    private final DeepfakeRateCounter counter = new DeepfakeRateCounter();

    @Test
    void firesOnceWhenTheCountGoesOverTheThresholdWithinTheWindow() {
        List<Optional<DeepfakeRateCounter.Burst>> seen = IntStream.range(0, 6)
                .mapToObj(i -> counter.observe("r", 1000 + i, THREE_IN_TEN_MINUTES)).toList();

        assertThat(seen.subList(0, 3)).allMatch(Optional::isEmpty);
        assertThat(seen.get(3)).contains(new DeepfakeRateCounter.Burst(4, 1000));
        assertThat(seen.subList(4, 6)).allMatch(Optional::isEmpty);
    }

    @Test
    void aNewWindowCanFireAgainAndRealmsCountApart() {
        for (int i = 0; i < 4; i++) {
            counter.observe("r", i, THREE_IN_TEN_MINUTES);
        }
        long later = Duration.ofMinutes(10).toMillis();
        for (int i = 0; i < 3; i++) {
            assertThat(counter.observe("r", later + i, THREE_IN_TEN_MINUTES)).isEmpty();
            assertThat(counter.observe("other", later + i, THREE_IN_TEN_MINUTES)).isEmpty();
        }

        assertThat(counter.observe("r", later + 3, THREE_IN_TEN_MINUTES)).isPresent();
    }

    @Test
    void slowDeepfakesSpreadOverWindowsNeverFire() {
        for (int i = 0; i < 20; i++) {
            assertThat(counter.observe("r", i * Duration.ofMinutes(4).toMillis(), THREE_IN_TEN_MINUTES)).isEmpty();
        }
    }

    @Test
    void concurrentDeepfakesFireExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = IntStream.range(0, 200).<Callable<Boolean>>mapToObj(i ->
                    () -> counter.observe("r", 5000, THREE_IN_TEN_MINUTES).isPresent()).toList();
            long fired = 0;
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                fired += result.get() ? 1 : 0;
            }
            assertThat(fired).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"null, null, false", "0, 600, false", "5, null, true", "5, 60, true",
            "5, 59, false", "5, 86401, false", "-1, 600, false", "many, 600, false", "100001, 600, false"})
    void settingsOutsideTheirRangesSwitchTheAlertOff(String threshold, String window, boolean on) {
        assertThat(DeepfakeRateSettings.of("r", threshold, window).isPresent()).isEqualTo(on);
    }
}
