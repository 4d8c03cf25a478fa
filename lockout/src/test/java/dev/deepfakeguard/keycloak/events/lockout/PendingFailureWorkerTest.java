package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.events.lockout.store.LockLevel;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures that waited for the database are counted later, oldest first, none twice, none forgotten. */
class PendingFailureWorkerTest {

    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final LockDecision LOCK = new LockDecision(SubjectKey.user("realm-1", "user-1"),
            LockLevel.TEMPORARY, 1, 2, LockDecision.CONSECUTIVE_FAILURES, 5);

    private final AtomicLong clock = new AtomicLong();
    private final PendingFailures pending = new PendingFailures(10);
    private final AtomicBoolean databaseUp = new AtomicBoolean(false);
    private final List<String> counted = new ArrayList<>();
    private final List<String> reported = new ArrayList<>();

    private final PendingFailureWorker worker = new PendingFailureWorker(pending, failure -> {
        if (!databaseUp.get()) {
            throw new IllegalStateException("Sorry, acquisition timeout!");
        }
        counted.add(failure.cause().getId());
        return List.of(LOCK);
    }, (failure, locks) -> reported.add(failure.cause().getId() + ":" + locks.size()), INTERVAL, clock::get);

    @Test
    void countsEverythingOldestFirstOnceTheDatabaseAnswers() {
        pending.offer(FailureIntakeTest.failure("e1"));
        pending.offer(FailureIntakeTest.failure("e2"));
        databaseUp.set(true);

        worker.tick();

        assertThat(counted).containsExactly("e1", "e2");
        assertThat(reported).containsExactly("e1:1", "e2:1");
        assertThat(pending.size()).isZero();
        assertThat(pending.holdsUser("realm-1", "user-1")).isFalse();
    }

    @Test
    void keepsTheFailuresAndWaitsLongerWhileTheDatabaseRefuses() {
        pending.offer(FailureIntakeTest.failure("e1"));

        worker.tick();
        assertThat(pending.size()).isEqualTo(1);
        assertThat(pending.holdsUser("realm-1", "user-1")).isTrue();

        databaseUp.set(true);
        worker.tick();
        assertThat(counted).as("still pausing after the failed round").isEmpty();

        clock.addAndGet(INTERVAL.toNanos());
        worker.tick();
        assertThat(counted).containsExactly("e1");
    }

    @Test
    void pausesDoublingUpToHalfAMinute() {
        assertThat(worker.pause(1)).isEqualTo(INTERVAL);
        assertThat(worker.pause(2)).isEqualTo(INTERVAL.multipliedBy(2));
        assertThat(worker.pause(4)).isEqualTo(INTERVAL.multipliedBy(8));
        assertThat(worker.pause(30)).isEqualTo(PendingFailureWorker.MAX_PAUSE);
    }

    @Test
    void triesOnceMoreAtShutdownAndLogsWhatIsLeftAsLost() {
        pending.offer(FailureIntakeTest.failure("e1"));
        worker.tick();
        databaseUp.set(true);

        worker.close();

        assertThat(counted).containsExactly("e1");
        assertThat(pending.size()).isZero();
    }

    @Test
    void aFullQueueRefusesMoreButForgetsNothingItHolds() {
        PendingFailures small = new PendingFailures(1);

        assertThat(small.offer(FailureIntakeTest.failure("e1"))).isTrue();
        assertThat(small.offer(FailureIntakeTest.failure("e2"))).isFalse();
        assertThat(small.oldest()).hasValueSatisfying(f -> assertThat(f.cause().getId()).isEqualTo("e1"));
    }
}
