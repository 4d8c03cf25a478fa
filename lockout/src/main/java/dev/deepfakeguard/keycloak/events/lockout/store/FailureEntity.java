package dev.deepfakeguard.keycloak.events.lockout.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One counted failure. Insert-only: counts are queries over these rows, so concurrent failures can never overwrite
 * each other's increment.
 */
@Entity(name = "DfgLockoutFailure")
@Table(name = "DFG_LOCKOUT_FAILURE")
@NamedQueries({
        @NamedQuery(name = "dfgLockoutCountFailures", query = "select count(f) from DfgLockoutFailure f"
                + " where f.subjectId = :subjectId and f.occurredAt >= :since"),
        @NamedQuery(name = "dfgLockoutDeleteFailuresBefore",
                query = "delete from DfgLockoutFailure f where f.occurredAt < :before"),
        @NamedQuery(name = "dfgLockoutDeleteFailuresOfRealm",
                query = "delete from DfgLockoutFailure f where f.realmId = :realmId")
})
public class FailureEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "SUBJECT_ID", length = 255, nullable = false)
    private String subjectId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "OCCURRED_AT", nullable = false)
    private long occurredAt;

    @Column(name = "ERROR", length = 64, nullable = false)
    private String error;

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

    public long getOccurredAt() {
        return occurredAt;
    }

    public void setOccurredAt(long occurredAt) {
        this.occurredAt = occurredAt;
    }

    public String getError() {
        return error;
    }

    public void setError(String error) {
        this.error = error;
    }
}
