package dev.deepfakeguard.keycloak.events.lockout.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One user or source address of one realm: the lock on it and where its consecutive count starts. Every change to
 * it happens under a row lock ({@code SELECT … FOR UPDATE}), which is what serialises concurrent failures of the
 * same subject across threads and cluster nodes.
 */
@Entity(name = "DfgLockoutSubject")
@Table(name = "DFG_LOCKOUT_SUBJECT")
@NamedQueries({
        @NamedQuery(name = "dfgLockoutLocked", query = "select s from DfgLockoutSubject s where s.realmId = :realmId"
                + " and s.lockedUntil > :now order by s.lockedAt desc"),
        @NamedQuery(name = "dfgLockoutDeleteSubjectsOfRealm",
                query = "delete from DfgLockoutSubject s where s.realmId = :realmId")
})
public class SubjectEntity {

    @Id
    @Column(name = "ID", length = 255)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "KIND", length = 16, nullable = false)
    private String kind;

    @Column(name = "SUBJECT", length = 255, nullable = false)
    private String subject;

    /** Epoch millis; failures before it do not count (the last success, lock or unlock). */
    @Column(name = "COUNT_FROM", nullable = false)
    private long countFrom;

    /** Epoch millis; 0 = not locked, {@link Long#MAX_VALUE} = permanent. */
    @Column(name = "LOCKED_UNTIL", nullable = false)
    private long lockedUntil;

    @Column(name = "LOCKED_AT", nullable = false)
    private long lockedAt;

    @Column(name = "LOCK_LEVEL", length = 16)
    private String lockLevel;

    @Column(name = "LOCK_REASON", length = 64)
    private String lockReason;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public long getCountFrom() {
        return countFrom;
    }

    public void setCountFrom(long countFrom) {
        this.countFrom = countFrom;
    }

    public long getLockedUntil() {
        return lockedUntil;
    }

    public void setLockedUntil(long lockedUntil) {
        this.lockedUntil = lockedUntil;
    }

    public long getLockedAt() {
        return lockedAt;
    }

    public void setLockedAt(long lockedAt) {
        this.lockedAt = lockedAt;
    }

    public String getLockLevel() {
        return lockLevel;
    }

    public void setLockLevel(String lockLevel) {
        this.lockLevel = lockLevel;
    }

    public String getLockReason() {
        return lockReason;
    }

    public void setLockReason(String lockReason) {
        this.lockReason = lockReason;
    }
}
