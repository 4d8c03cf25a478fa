package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.events.lockout.store.LockLevel;
import dev.deepfakeguard.keycloak.events.lockout.store.LockoutStore;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectEntity;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKey;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Records one failure of a subject and decides whether it locks, in the caller's transaction. The subject's row is
 * locked first ({@code SELECT … FOR UPDATE}), so concurrent failures of the same subject – on any node – are
 * counted one after the other: each sees the rows committed before it, none is lost, and only one of them sets
 * the lock.
 *
 * <p>A subject seen for the first time has no row to lock: {@link SubjectMissing} says so, the caller creates it with
 * {@link #create} in a transaction of its own and counts again. Never nested in the counting transaction: a burst of
 * first failures would then each hold two connections while waiting for a third, and exhaust the pool.
 */
public final class FailureCounter {

    private static final Logger LOG = Logger.getLogger(FailureCounter.class);

    private final LockoutStore store;

    public FailureCounter(LockoutStore store) {
        this.store = store;
    }

    /** The subject has no row yet: create it ({@link #create}), then count again in a new transaction. */
    public static final class SubjectMissing extends RuntimeException {
        private final transient SubjectKey key;

        SubjectMissing(SubjectKey key) {
            super("lockout subject " + key.id() + " has no row yet", null, false, false);
            this.key = key;
        }

        public SubjectKey key() {
            return key;
        }
    }

    /**
     * Creates the subject's row in a transaction of its own. A concurrent creator makes the insert fail, which is
     * fine: the row is there for the next count.
     */
    public static void create(NewTransaction newTransaction, SubjectKey key, long now) {
        try {
            newTransaction.run(store -> {
                if (store.subject(key).isEmpty()) {
                    store.createSubject(key, now);
                }
            });
        } catch (RuntimeException e) {
            boolean[] there = new boolean[1];
            try {
                newTransaction.run(store -> there[0] = store.subject(key).isPresent());
            } catch (RuntimeException readFailed) {
                // Reported below: the row is not known to be there.
            }
            if (there[0]) {
                LOG.debugf("Lockout subject %s was created concurrently (%s)", key.id(), e.getClass().getSimpleName());
            } else {
                LOG.warnf("Deepfake Guard lockout could not create subject %s: %s", key.id(), e.toString());
            }
        }
    }

    /** @return the lock this failure set, if any */
    public Optional<LockDecision> recordFailure(LockoutConfig config, SubjectKey key, String error, long now) {
        return recordFailure(config, key, error, now, now);
    }

    /**
     * A failure that happened at {@code occurredAt}, counted at {@code now} (later, when it had to wait for the
     * database): it counts only if no success, lock or unlock came after it, and a lock it sets starts now.
     *
     * @return the lock this failure set, if any
     * @throws SubjectMissing when the subject has no row yet (nothing was written)
     */
    public Optional<LockDecision> recordFailure(LockoutConfig config, SubjectKey key, String error, long occurredAt,
                                                long now) {
        SubjectEntity subject = store.lockSubject(key).orElseThrow(() -> new SubjectMissing(key));
        store.addFailure(key, occurredAt, error);
        if (subject.getLockedUntil() > now) {
            // Already locked (e.g. a failure that raced the lock): stored for the record, no second lock, and it
            // does not count toward the next one either (the count restarts where this lock ends).
            return Optional.empty();
        }
        long failures = store.countFailures(subject.getId(), LockPolicy.countSince(config, subject.getCountFrom(),
                subject.getLockedUntil(), now));
        long recentLocks = failures >= config.maxFailures() ? store.countLocks(subject.getId(), LockLevel.TEMPORARY,
                now - config.escalationWindow().toMillis()) : 0;
        Optional<LockDecision> decision = LockPolicy.decide(config, key, failures, recentLocks, now);
        decision.ifPresent(lock -> store.lock(subject, lock.level(), now, lock.until(), lock.reason(),
                lock.failures()));
        return decision;
    }

    /** A success: restart the consecutive count of an existing subject; nothing to do for one never seen. */
    public void recordSuccess(SubjectKey key, long now) {
        store.lockSubject(key).ifPresent(subject -> store.resetCount(subject, now));
    }
}
