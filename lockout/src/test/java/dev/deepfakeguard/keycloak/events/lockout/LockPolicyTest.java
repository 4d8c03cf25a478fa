package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.events.lockout.store.LockLevel;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LockPolicyTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final SubjectKey USER = SubjectKey.user("realm", "user-1");
    private static final SubjectKey SOURCE = SubjectKey.source("realm", "192.0.2.7");
    private final LockoutConfig config = LockoutConfig.defaults();

    @ParameterizedTest(name = "{0} failures, {1} recent locks -> {2}")
    @CsvSource({"0, 0, none", "4, 0, none", "5, 0, temporary", "6, 0, temporary", "5, 2, temporary",
            "5, 3, permanent", "9, 7, permanent"})
    void locksUsersByTheTable(long failures, long recentLocks, String expected) {
        Optional<LockDecision> decision = LockPolicy.decide(config, USER, failures, recentLocks, NOW);

        assertThat(decision.map(d -> d.level().value()).orElse("none")).isEqualTo(expected);
    }

    @Test
    void temporaryLockLastsTheConfiguredTime() {
        LockDecision lock = LockPolicy.decide(config, USER, 5, 0, NOW).orElseThrow();

        assertThat(lock.until()).isEqualTo(NOW + 30 * 60 * 1000L);
        assertThat(lock.reason()).isEqualTo(LockDecision.CONSECUTIVE_FAILURES);
    }

    @Test
    void neverPermanentWhenEscalationIsOff() {
        LockoutConfig noEscalation = LockoutConfig.from(Map.of(LockoutConfig.MAX_TEMPORARY_LOCKS.attribute(), "0"));

        assertThat(LockPolicy.decide(noEscalation, USER, 5, 50, NOW)).hasValueSatisfying(
                lock -> assertThat(lock.level()).isEqualTo(LockLevel.TEMPORARY));
    }

    @ParameterizedTest
    @CsvSource({"99, none", "100, temporary", "500, temporary"})
    void sourcesLockOnTheirOwnThresholdAndNeverPermanently(long failures, String expected) {
        Optional<LockDecision> decision = LockPolicy.decide(config, SOURCE, failures, 99, NOW);

        assertThat(decision.map(d -> d.level().value()).orElse("none")).isEqualTo(expected);
    }

    @Test
    void sourceLocksOffAtZero() {
        LockoutConfig off = LockoutConfig.from(Map.of(LockoutConfig.SOURCE_MAX_FAILURES.attribute(), "0"));

        assertThat(LockPolicy.decide(off, SOURCE, 10_000, 0, NOW)).isEmpty();
    }

    @Test
    void countStartsAtTheLaterOfWindowAndLastReset() {
        long windowStart = NOW - config.window().toMillis();

        assertThat(LockPolicy.countSince(config, 0, 0, NOW)).isEqualTo(windowStart);
        assertThat(LockPolicy.countSince(config, NOW - 5, 0, NOW)).isEqualTo(NOW - 5);
    }

    @Test
    void failuresDuringAnExpiredLockDoNotCountTowardTheNextLock() {
        long lockedAt = NOW - 31 * 60 * 1000L;
        long lockEnd = lockedAt + config.lockDuration().toMillis();

        // The lock restarted the count at lockedAt + 1; failures that raced it or hammered the locked account
        // between then and the lock's end are outside the count.
        assertThat(LockPolicy.countSince(config, lockedAt + 1, lockEnd, NOW)).isEqualTo(lockEnd);
    }

    @Test
    void nothingCountsWhileLocked() {
        assertThat(LockPolicy.countSince(config, NOW - 1000, NOW + 60_000, NOW)).isEqualTo(NOW + 60_000);
        assertThat(LockPolicy.countSince(config, NOW - 1000, Long.MAX_VALUE, NOW)).isGreaterThan(NOW);
    }

    @Test
    void aLaterSuccessOrUnlockStillRestartsTheCountAfterALock() {
        long lockEnd = NOW - 10_000;

        assertThat(LockPolicy.countSince(config, NOW - 5, lockEnd, NOW)).isEqualTo(NOW - 5);
    }
}
