package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.events.lockout.store.LockLevel;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Counting a failure when the database refuses: retried with back-off, else queued, never dropped silently. */
class FailureIntakeTest {

    private static final SubjectKey USER = SubjectKey.user("realm-1", "user-1");
    private static final Backoff BACKOFF = new Backoff(4, Duration.ofMillis(50), Duration.ofMillis(400),
            Duration.ofSeconds(2));
    private static final LockDecision LOCK = new LockDecision(USER, LockLevel.TEMPORARY, 1, 2,
            LockDecision.CONSECUTIVE_FAILURES, 5);

    private final AtomicLong clock = new AtomicLong();
    private final List<Duration> waits = new ArrayList<>();
    private final PendingFailures pending = new PendingFailures(2);

    @Test
    void countsAtOnceWhenTheDatabaseAnswers() {
        FailureIntake.Result result = intake(failingTimes(0)).accept(failure("e1"));

        assertThat(result.outcome()).isEqualTo(FailureIntake.Outcome.COUNTED);
        assertThat(result.locks()).containsExactly(LOCK);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @ParameterizedTest(name = "{0} failed attempts")
    @ValueSource(ints = {1, 2, 3})
    void retriesInNewTransactionsUntilOneCommits(int failures) {
        AtomicInteger calls = new AtomicInteger();
        FailureIntake.Result result = intake(failure -> {
            if (calls.incrementAndGet() <= failures) {
                throw new IllegalStateException("Timeout trying to lock table");
            }
            return List.of(LOCK);
        }).accept(failure("e1"));

        assertThat(result.outcome()).isEqualTo(FailureIntake.Outcome.COUNTED);
        assertThat(result.attempts()).isEqualTo(failures + 1);
        assertThat(calls).hasValue(failures + 1);
        assertThat(waits).hasSize(failures);
        assertThat(pending.size()).isZero();
    }

    @Test
    void queuesAFailureThatStillCannotBeCountedAndRefusesItsUser() {
        FailureIntake.Result result = intake(failingTimes(Integer.MAX_VALUE)).accept(failure("e1"));

        assertThat(result.outcome()).isEqualTo(FailureIntake.Outcome.DEFERRED);
        assertThat(result.attempts()).isEqualTo(BACKOFF.maxAttempts());
        assertThat(pending.size()).isEqualTo(1);
        assertThat(pending.holdsUser("realm-1", "user-1")).isTrue();
        assertThat(pending.holdsUser("realm-1", "user-2")).isFalse();
        assertThat(pending.holdsUser("realm-2", "user-1")).isFalse();
    }

    @Test
    @DisplayName("Given a subject whose turn did not come within the whole wait, then the failure is queued at once: "
            + "another try would only queue again")
    void queuesAtOnceWhenTheSubjectStaysBusy() {
        AtomicInteger calls = new AtomicInteger();
        FailureIntake.Result result = intake(failure -> {
            calls.incrementAndGet();
            throw new KeyStripes.Busy("other work on the same key is running on this node");
        }).accept(failure("e1"));

        assertThat(result.outcome()).isEqualTo(FailureIntake.Outcome.DEFERRED);
        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
        assertThat(pending.holdsUser("realm-1", "user-1")).isTrue();
    }

    @Test
    void reportsAFailureLostOnlyWhenTheQueueIsFull() {
        FailureIntake intake = intake(failingTimes(Integer.MAX_VALUE));
        intake.accept(failure("e1"));
        intake.accept(failure("e2"));

        FailureIntake.Result result = intake.accept(failure("e3"));

        assertThat(result.outcome()).isEqualTo(FailureIntake.Outcome.LOST);
        assertThat(pending.size()).isEqualTo(2);
    }

    @Test
    void startsNoAttemptAfterTheBudget() {
        // Every attempt takes a second (a lock wait that times out): the budget of 2 s allows two.
        FailureIntake.Result result = intake(failure -> {
            clock.addAndGet(Duration.ofSeconds(1).toNanos());
            throw new IllegalStateException("lock timeout");
        }).accept(failure("e1"));

        assertThat(result.outcome()).isEqualTo(FailureIntake.Outcome.DEFERRED);
        assertThat(result.attempts()).isEqualTo(2);
    }

    @Test
    void stopsWaitingWhenInterruptedAndKeepsTheFailure() {
        FailureIntake intake = new FailureIntake(failingTimes(Integer.MAX_VALUE), pending, BACKOFF, clock::get,
                duration -> {
                    throw new InterruptedException("shutting down");
                }, () -> 0.5);

        FailureIntake.Result result = intake.accept(failure("e1"));

        assertThat(result.outcome()).isEqualTo(FailureIntake.Outcome.DEFERRED);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void backsOffDoublingWithJitterWithinBounds() {
        assertThat(BACKOFF.next(1, Duration.ZERO, 0.0)).contains(Duration.ofMillis(25));
        assertThat(BACKOFF.next(1, Duration.ZERO, 0.999)).hasValueSatisfying(
                wait -> assertThat(wait).isLessThan(Duration.ofMillis(75)));
        assertThat(BACKOFF.next(2, Duration.ZERO, 0.5)).contains(Duration.ofMillis(100));
        assertThat(BACKOFF.next(3, Duration.ZERO, 0.5)).contains(Duration.ofMillis(200));
        assertThat(BACKOFF.next(4, Duration.ZERO, 0.5)).isEmpty();
        assertThat(new Backoff(10, Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMinutes(1))
                .next(9, Duration.ZERO, 0.5)).contains(Duration.ofMillis(400));
        assertThat(BACKOFF.next(1, Duration.ofMillis(1990), 0.5)).isEmpty();
    }

    private FailureIntake intake(FailureStore store) {
        return new FailureIntake(store, pending, BACKOFF, clock::get, duration -> {
            waits.add(duration);
            clock.addAndGet(duration.toNanos());
        }, () -> 0.5);
    }

    private static FailureStore failingTimes(int failures) {
        AtomicInteger calls = new AtomicInteger();
        return failure -> {
            if (calls.incrementAndGet() <= failures) {
                throw new IllegalStateException("Unable to acquire JDBC Connection");
            }
            return List.of(LOCK);
        };
    }

    static LockoutFailure failure(String eventId) {
        Event event = new Event();
        event.setId(eventId);
        event.setType(EventType.LOGIN_ERROR);
        event.setRealmId("realm-1");
        event.setUserId("user-1");
        event.setError("liveness_failed");
        return new LockoutFailure("realm-1", Optional.of(USER), Optional.empty(), "liveness_failed", 1_000, event);
    }
}
