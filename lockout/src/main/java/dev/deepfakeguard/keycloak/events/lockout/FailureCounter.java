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
 */
public final class FailureCounter {

    private static final Logger LOG = Logger.getLogger(FailureCounter.class);
    private static final int CREATE_TRIES = 5;

    private final LockoutStore store;
    private final NewTransaction newTransaction;

    public FailureCounter(LockoutStore store, NewTransaction newTransaction) {
        this.store = store;
        this.newTransaction = newTransaction;
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
     */
    public Optional<LockDecision> recordFailure(LockoutConfig config, SubjectKey key, String error, long occurredAt,
                                                long now) {
        SubjectEntity subject = lockedSubject(key, now);
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

    /**
     * The subject's row, locked. A missing row is created in a transaction of its own, because a concurrent creator
     * makes the insert fail, and a failed insert would spoil the caller's transaction and lose the failure.
     */
    private SubjectEntity lockedSubject(SubjectKey key, long now) {
        for (int attempt = 1; attempt <= CREATE_TRIES; attempt++) {
            Optional<SubjectEntity> existing = store.lockSubject(key);
            if (existing.isPresent()) {
                return existing.get();
            }
            try {
                newTransaction.run(store -> store.createSubject(key, now));
            } catch (RuntimeException e) {
                LOG.debugf("Lockout subject %s was created concurrently (%s); reading it again", key.id(),
                        e.getClass().getSimpleName());
            }
        }
        throw new IllegalStateException("lockout subject " + key.id() + " could neither be read nor created");
    }
}
