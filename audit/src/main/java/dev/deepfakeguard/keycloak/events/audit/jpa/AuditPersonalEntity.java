package dev.deepfakeguard.keycloak.events.audit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The erasable personal part of a record (user name, IP address, user agent and its salt). The chained record holds
 * only its salted digest, so deleting this row for a GDPR request leaves the chain verifiable.
 */
@Entity
@Table(name = "DFG_AUDIT_PERSONAL")
public class AuditPersonalEntity {

    @Id
    @Column(name = "RECORD_ID", length = 36)
    private String recordId;
    @Column(name = "USER_ID", length = 36)
    private String userId;
    @Column(name = "PERSONAL_JSON", length = 2000, nullable = false)
    private String personalJson;

    public String getRecordId() { return recordId; }
    public void setRecordId(String recordId) { this.recordId = recordId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getPersonalJson() { return personalJson; }
    public void setPersonalJson(String personalJson) { this.personalJson = personalJson; }
}
