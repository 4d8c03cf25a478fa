package dev.deepfakeguard.keycloak.alerting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import jakarta.persistence.EntityManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.deepfakeguard.keycloak.events.lockout.NewTransaction;
import dev.deepfakeguard.keycloak.events.lockout.store.LockoutStore;
import dev.deepfakeguard.keycloak.events.lockout.store.LockoutTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate counter on a real database (H2 through Hibernate): two counters stand for two cluster nodes; they share
 * nothing but the database, as two Keycloak processes do.
 */
class DeepfakeRateCounterTest {

    private static final DeepfakeRateSettings THREE_IN_TEN_MINUTES = new DeepfakeRateSettings(3,
            Duration.ofMinutes(10));
    private static EntityManagerFactory emf;
    private final String realm = UUID.randomUUID().toString();
    private final DeepfakeRateCounter nodeA = new DeepfakeRateCounter(DeepfakeRateCounterTest::inTransaction);
    private final DeepfakeRateCounter nodeB = new DeepfakeRateCounter(DeepfakeRateCounterTest::inTransaction);

    @BeforeAll
    static void database() {
        emf = LockoutTestDatabase.h2("dfg-rate-test");
    }

    @AfterAll
    static void close() {
        emf.close();
    }

    /** A transaction of its own per call, like a new Keycloak session on whichever node. */
    private static void inTransaction(java.util.function.Consumer<LockoutStore> work) {
        LockoutTestDatabase.inTransaction(emf, em -> work.accept(new LockoutStore(em)));
    }

    @Test
    @DisplayName("Given denials a node could not count at once, when its next count adds them, then the window goes "
            + "over the threshold exactly once, even when that count jumps past it")
    void carriedDenialsCrossTheThresholdOnce() {
        assertThat(nodeA.observe(realm, 1000, THREE_IN_TEN_MINUTES, 2, (store, burst) -> { })).isEmpty();
        assertThat(nodeB.observe(realm, 1001, THREE_IN_TEN_MINUTES, 5, (store, burst) -> { }))
                .contains(new DeepfakeRateCounter.Burst(7, 1000));
        assertThat(nodeA.observe(realm, 1002, THREE_IN_TEN_MINUTES, 1, (store, burst) -> { })).isEmpty();
    }

    private Optional<DeepfakeRateCounter.Burst> observe(DeepfakeRateCounter node, long now) {
        return node.observe(realm, now, THREE_IN_TEN_MINUTES, (store, burst) -> { });
    }

    @Test
    void twoNodesCountOneRateForTheCluster() {
        // Two denials on each node: neither node alone went over 3, the cluster did (the 4th denial).
        List<Optional<DeepfakeRateCounter.Burst>> seen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            seen.add(observe(i % 2 == 0 ? nodeA : nodeB, 1000 + i));
        }

        assertThat(seen.subList(0, 3)).allMatch(Optional::isEmpty);
        assertThat(seen.get(3)).contains(new DeepfakeRateCounter.Burst(4, 1000));
        assertThat(seen.subList(4, 6)).allMatch(Optional::isEmpty);
    }

    @Test
    void theAlertIsQueuedInTheCountingTransaction() {
        for (int i = 0; i < 3; i++) {
            observe(nodeA, 1000 + i);
        }
        nodeB.observe(realm, 2000, THREE_IN_TEN_MINUTES,
                (store, burst) -> store.enqueue(realm, "webhook", "", "{\"count\":" + burst.count() + "}", 2000));

        List<String> queued = new ArrayList<>();
        inTransaction(store -> store.outbox(realm).forEach(entry -> queued.add(entry.getPayload())));
        assertThat(queued).containsExactly("{\"count\":4}");
    }

    @Test
    void aNewWindowCanFireAgainAndRealmsCountApart() {
        for (int i = 0; i < 4; i++) {
            observe(nodeA, i);
        }
        long later = Duration.ofMinutes(10).toMillis();
        String other = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            assertThat(observe(nodeB, later + i)).isEmpty();
            assertThat(nodeA.observe(other, later + i, THREE_IN_TEN_MINUTES, (store, burst) -> { })).isEmpty();
        }

        assertThat(observe(nodeA, later + 3)).isPresent();
    }

    @Test
    void slowDeepfakesSpreadOverWindowsNeverFire() {
        for (int i = 0; i < 20; i++) {
            assertThat(observe(i % 2 == 0 ? nodeA : nodeB, i * Duration.ofMinutes(4).toMillis())).isEmpty();
        }
    }

    @Test
    void concurrentDeepfakesOnTwoNodesFireExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = IntStream.range(0, 120).<Callable<Boolean>>mapToObj(i ->
                    () -> observe(i % 2 == 0 ? nodeA : nodeB, 5000).isPresent()).toList();
            long fired = 0;
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                fired += result.get() ? 1 : 0;
            }
            assertThat(fired).isEqualTo(1);
            long[] events = new long[1];
            inTransaction(store -> events[0] = store.lockRateWindow(realm).orElseThrow().getEvents());
            assertThat(events[0]).isEqualTo(120);
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
