package dev.deepfakeguard.keycloak.events.audit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One audit record. Written unchained ({@code chainSeq} null) inside the audited request's transaction; the node's
 * chainer later fills the chain columns and {@code recordJson} (the canonical text that was hashed).
 */
@Entity
@Table(name = "DFG_AUDIT_RECORD")
public class AuditRecordEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;
    @Column(name = "NODE", length = 128, nullable = false)
    private String node;
    @Column(name = "CAPTURED_AT", nullable = false)
    private long capturedAt;
    @Column(name = "CAPTURE_SEQ", nullable = false)
    private long captureSeq;
    @Column(name = "REALM_ID", length = 36)
    private String realmId;
    @Column(name = "BODY", length = 4000, nullable = false)
    private String body;
    @Column(name = "CHAIN_EPOCH", length = 64)
    private String chainEpoch;
    @Column(name = "CHAIN_SEQ")
    private Long chainSeq;
    @Column(name = "PREV_HASH", length = 64)
    private String prevHash;
    @Column(name = "HASH", length = 64)
    private String hash;
    @Column(name = "RECORD_JSON", length = 4000)
    private String recordJson;
    @Column(name = "CHAINED_AT")
    private Long chainedAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getNode() { return node; }
    public void setNode(String node) { this.node = node; }
    public long getCapturedAt() { return capturedAt; }
    public void setCapturedAt(long capturedAt) { this.capturedAt = capturedAt; }
    public long getCaptureSeq() { return captureSeq; }
    public void setCaptureSeq(long captureSeq) { this.captureSeq = captureSeq; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }
    public String getChainEpoch() { return chainEpoch; }
    public void setChainEpoch(String chainEpoch) { this.chainEpoch = chainEpoch; }
    public Long getChainSeq() { return chainSeq; }
    public void setChainSeq(Long chainSeq) { this.chainSeq = chainSeq; }
    public String getPrevHash() { return prevHash; }
    public void setPrevHash(String prevHash) { this.prevHash = prevHash; }
    public String getHash() { return hash; }
    public void setHash(String hash) { this.hash = hash; }
    public String getRecordJson() { return recordJson; }
    public void setRecordJson(String recordJson) { this.recordJson = recordJson; }
    public Long getChainedAt() { return chainedAt; }
    public void setChainedAt(Long chainedAt) { this.chainedAt = chainedAt; }
}
