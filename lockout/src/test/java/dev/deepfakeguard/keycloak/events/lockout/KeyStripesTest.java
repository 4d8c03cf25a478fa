package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Counting for one subject, one thread of a node at a time, waiting before any connection is taken. */
class KeyStripesTest {

    private static final Duration WAIT = Duration.ofMillis(100);
    private static final String ALICE = SubjectKey.user("realm-1", "alice").id();
    private static final String BOB = SubjectKey.user("realm-1", "bob").id();
    private static final String SOURCE = SubjectKey.source("realm-1", "203.0.113.7").id();

    @Test
    @DisplayName("Given a failure of alice being counted, then another failure of alice waits and gives up as busy "
            + "after the wait, while a failure of bob is counted at once")
    void oneSubjectAtATime() throws Exception {
        // 1024 stripes: alice and bob (different hashes) do not share one.
        KeyStripes stripes = new KeyStripes(1024);
        CountDownLatch counting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> stripes.run(List.of(ALICE, SOURCE),
                WAIT, () -> {
                    counting.countDown();
                    await(release);
                    return "first";
                }));
        assertThat(counting.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> stripes.run(List.of(ALICE), WAIT, () -> "second"))
                .isInstanceOf(KeyStripes.Busy.class);
        assertThatThrownBy(() -> stripes.run(List.of(BOB, SOURCE), WAIT, () -> "same source"))
                .isInstanceOf(KeyStripes.Busy.class);
        assertThat(stripes.run(List.of(BOB), WAIT, () -> "bob")).isEqualTo("bob");

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(stripes.run(List.of(ALICE, SOURCE), WAIT, () -> "again")).as("released after the work")
                .isEqualTo("again");
    }

    @Test
    void releasesTheStripesWhenTheWorkFails() {
        KeyStripes stripes = new KeyStripes(16);

        assertThatThrownBy(() -> stripes.run(List.of(ALICE), WAIT, () -> {
            throw new IllegalStateException("database away");
        })).hasMessage("database away");

        assertThat(CompletableFuture.supplyAsync(() -> stripes.run(List.of(ALICE), WAIT, () -> "next")).join())
                .isEqualTo("next");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
