package dev.deepfakeguard.keycloak.events.lockout.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** History of locks, insert-only: the escalation to a permanent lock counts the temporary locks in here. */
@Entity(name = "DfgLockoutLock")
@Table(name = "DFG_LOCKOUT_LOCK")
@NamedQueries({
        @NamedQuery(name = "dfgLockoutCountLocks", query = "select count(l) from DfgLockoutLock l"
                + " where l.subjectId = :subjectId and l.lockLevel = :level and l.lockedAt >= :since"),
        @NamedQuery(name = "dfgLockoutDeleteLocksOfRealm",
                query = "delete from DfgLockoutLock l where l.realmId = :realmId")
})
public class LockEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "SUBJECT_ID", length = 255, nullable = false)
    private String subjectId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "LOCKED_AT", nullable = false)
    private long lockedAt;

    @Column(name = "LOCKED_UNTIL", nullable = false)
    private long lockedUntil;

    @Column(name = "LOCK_LEVEL", length = 16, nullable = false)
    private String lockLevel;

    @Column(name = "REASON", length = 64, nullable = false)
    private String reason;

    @Column(name = "FAILURES", nullable = false)
    private int failures;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getSubjectId() {
        return subjectId;
    }

    public void setSubjectId(String subjectId) {
        this.subjectId = subjectId;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public long getLockedAt() {
        return lockedAt;
    }

    public void setLockedAt(long lockedAt) {
        this.lockedAt = lockedAt;
    }

    public long getLockedUntil() {
        return lockedUntil;
    }

    public void setLockedUntil(long lockedUntil) {
        this.lockedUntil = lockedUntil;
    }

    public String getLockLevel() {
        return lockLevel;
    }

    public void setLockLevel(String lockLevel) {
        this.lockLevel = lockLevel;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public int getFailures() {
        return failures;
    }

    public void setFailures(int failures) {
        this.failures = failures;
    }
}
