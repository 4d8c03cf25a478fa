package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.events.lockout.store.LockLevel;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKey;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKind;

import java.util.Optional;

/** The thresholds as a pure function: counts in, lock (or none) out. */
final class LockPolicy {

    private LockPolicy() {
    }

    /**
     * @param failures            failures of the subject counted in the window (including the one just recorded)
     * @param recentTemporaryLocks temporary locks of the subject within the escalation window
     */
    static Optional<LockDecision> decide(LockoutConfig config, SubjectKey subject, long failures,
                                         long recentTemporaryLocks, long now) {
        boolean user = subject.kind() == SubjectKind.USER;
        int threshold = user ? config.maxFailures() : config.sourceMaxFailures();
        if (threshold <= 0 || failures < threshold) {
            return Optional.empty();
        }
        int counted = (int) Math.min(Integer.MAX_VALUE, failures);
        if (user && config.maxTemporaryLocks() > 0 && recentTemporaryLocks >= config.maxTemporaryLocks()) {
            return Optional.of(new LockDecision(subject, LockLevel.PERMANENT, now, Long.MAX_VALUE,
                    LockDecision.REPEATED_LOCKS, counted));
        }
        return Optional.of(new LockDecision(subject, LockLevel.TEMPORARY, now, now + config.lockDuration().toMillis(),
                user ? LockDecision.CONSECUTIVE_FAILURES : LockDecision.SOURCE_FAILURES, counted));
    }

    /**
     * Start of the counting window: the window, the last success, lock or unlock, or the end of the last temporary
     * lock, whichever is latest. Failures recorded while the subject was locked (requests that raced the lock, or
     * an attacker hammering a locked account) end before the lock does, so they never count toward the next lock:
     * after a lock expires the subject starts again from zero.
     *
     * @param lockedUntil the subject's lock end (0 = none, {@link Long#MAX_VALUE} = permanent), past or future
     */
    static long countSince(LockoutConfig config, long countFrom, long lockedUntil, long now) {
        long lockEnd = lockedUntil == Long.MAX_VALUE ? now + 1 : lockedUntil;
        return Math.max(Math.max(now - config.window().toMillis(), countFrom), lockEnd);
    }
}
