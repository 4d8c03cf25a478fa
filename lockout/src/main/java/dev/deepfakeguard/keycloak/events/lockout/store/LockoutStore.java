package dev.deepfakeguard.keycloak.events.lockout.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The lockout tables through one {@link EntityManager}, i.e. within the caller's transaction. Plain JPA only, so the
 * same code runs in Keycloak and in the benchmark's stand-alone persistence unit.
 */
public final class LockoutStore {

    private final EntityManager em;

    public LockoutStore(EntityManager em) {
        this.em = em;
    }

    /** The subject's row, locked for the rest of the transaction; empty if it does not exist yet. */
    public Optional<SubjectEntity> lockSubject(SubjectKey key) {
        return Optional.ofNullable(em.find(SubjectEntity.class, key.id(), LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<SubjectEntity> subject(SubjectKey key) {
        return Optional.ofNullable(em.find(SubjectEntity.class, key.id()));
    }

    public Optional<SubjectEntity> subject(String id) {
        return Optional.ofNullable(em.find(SubjectEntity.class, id));
    }

    /** Inserts an unlocked row and flushes, so that a concurrent creator fails here and not at commit. */
    public void createSubject(SubjectKey key, long now) {
        SubjectEntity subject = new SubjectEntity();
        subject.setId(key.id());
        subject.setRealmId(key.realmId());
        subject.setKind(key.kind().value());
        subject.setSubject(key.subject());
        subject.setCountFrom(0);
        subject.setLockedUntil(0);
        subject.setLockedAt(0);
        em.persist(subject);
        em.flush();
    }

    public void addFailure(SubjectKey key, long now, String error) {
        FailureEntity failure = new FailureEntity();
        failure.setId(UUID.randomUUID().toString());
        failure.setSubjectId(key.id());
        failure.setRealmId(key.realmId());
        failure.setOccurredAt(now);
        failure.setError(error);
        em.persist(failure);
    }

    public long countFailures(String subjectId, long since) {
        em.flush();
        return em.createNamedQuery("dfgLockoutCountFailures", Long.class)
                .setParameter("subjectId", subjectId).setParameter("since", since).getSingleResult();
    }

    public long countLocks(String subjectId, LockLevel level, long since) {
        return em.createNamedQuery("dfgLockoutCountLocks", Long.class).setParameter("subjectId", subjectId)
                .setParameter("level", level.value()).setParameter("since", since).getSingleResult();
    }

    /** Sets the lock on the (row-locked) subject and records it in the history. */
    public void lock(SubjectEntity subject, LockLevel level, long now, long until, String reason, int failures) {
        subject.setLockedAt(now);
        subject.setLockedUntil(until);
        subject.setLockLevel(level.value());
        subject.setLockReason(reason);
        subject.setCountFrom(now + 1);
        LockEntity lock = new LockEntity();
        lock.setId(UUID.randomUUID().toString());
        lock.setSubjectId(subject.getId());
        lock.setRealmId(subject.getRealmId());
        lock.setLockedAt(now);
        lock.setLockedUntil(until);
        lock.setLockLevel(level.value());
        lock.setReason(reason);
        lock.setFailures(failures);
        em.persist(lock);
    }

    /** Ends a lock and restarts the consecutive count; the history stays for the escalation rule. */
    public void unlock(SubjectEntity subject, long now) {
        subject.setLockedUntil(0);
        subject.setLockLevel(null);
        subject.setLockReason(null);
        subject.setCountFrom(now + 1);
    }

    /** A success: failures so far no longer count as consecutive. */
    public void resetCount(SubjectEntity subject, long now) {
        subject.setCountFrom(now + 1);
    }

    public List<SubjectEntity> locked(String realmId, long now) {
        return em.createNamedQuery("dfgLockoutLocked", SubjectEntity.class).setParameter("realmId", realmId)
                .setParameter("now", now).getResultList();
    }

    public void enqueue(String realmId, String channel, String target, String payload, long now) {
        OutboxEntity entry = new OutboxEntity();
        entry.setId(UUID.randomUUID().toString());
        entry.setRealmId(realmId);
        entry.setChannel(channel);
        entry.setTarget(target);
        entry.setPayload(payload);
        entry.setCreatedAt(now);
        entry.setNextAttemptAt(now);
        entry.setAttempts(0);
        entry.setState(OutboxEntity.PENDING);
        em.persist(entry);
    }

    public List<OutboxEntity> due(long now, int max) {
        return em.createNamedQuery("dfgLockoutDue", OutboxEntity.class).setParameter("now", now)
                .setMaxResults(max).getResultList();
    }

    /** Leases an entry to this worker: only one node's update matches the time it read. */
    public boolean claim(OutboxEntity entry, long leaseUntil) {
        return em.createNamedQuery("dfgLockoutClaim").setParameter("lease", leaseUntil)
                .setParameter("id", entry.getId()).setParameter("seen", entry.getNextAttemptAt())
                .executeUpdate() == 1;
    }

    public Optional<OutboxEntity> outboxEntry(String id) {
        return Optional.ofNullable(em.find(OutboxEntity.class, id));
    }

    public List<OutboxEntity> outbox(String realmId) {
        return em.createNamedQuery("dfgLockoutOutboxOfRealm", OutboxEntity.class).setParameter("realmId", realmId)
                .getResultList();
    }

    /** The realm's rate-alert window, locked for the rest of the transaction; empty if it does not exist yet. */
    public Optional<RateWindowEntity> lockRateWindow(String realmId) {
        return Optional.ofNullable(em.find(RateWindowEntity.class, realmId, LockModeType.PESSIMISTIC_WRITE));
    }

    /** Inserts an empty window and flushes, so that a concurrent creator fails here and not at commit. */
    public void createRateWindow(String realmId) {
        RateWindowEntity window = new RateWindowEntity();
        window.setRealmId(realmId);
        em.persist(window);
        em.flush();
    }

    /** Retention: old failures count for nothing any more, finished alerts are history. */
    public void purge(long failuresBefore, long outboxBefore) {
        em.createNamedQuery("dfgLockoutDeleteFailuresBefore").setParameter("before", failuresBefore).executeUpdate();
        em.createNamedQuery("dfgLockoutDeleteDeliveredBefore").setParameter("before", outboxBefore).executeUpdate();
    }

    public void deleteRealm(String realmId) {
        for (String query : List.of("dfgLockoutDeleteFailuresOfRealm", "dfgLockoutDeleteLocksOfRealm",
                "dfgLockoutDeleteOutboxOfRealm", "dfgLockoutDeleteSubjectsOfRealm", "dfgAlertRateDeleteOfRealm")) {
            em.createNamedQuery(query).setParameter("realmId", realmId).executeUpdate();
        }
    }
}
