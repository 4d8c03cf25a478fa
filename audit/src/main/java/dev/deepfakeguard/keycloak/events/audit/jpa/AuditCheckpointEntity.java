package dev.deepfakeguard.keycloak.events.audit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.deepfakeguard.keycloak.audit.format.Checkpoint;

/** A signed checkpoint of one chain; written in the same transaction as the records it covers. */
@Entity
@Table(name = "DFG_AUDIT_CHECKPOINT")
public class AuditCheckpointEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;
    @Column(name = "NODE", length = 128, nullable = false)
    private String node;
    @Column(name = "EPOCH", length = 64, nullable = false)
    private String epoch;
    @Column(name = "THROUGH_SEQ", nullable = false)
    private long throughSeq;
    @Column(name = "HEAD_HASH", length = 64, nullable = false)
    private String headHash;
    @Column(name = "COVERED", nullable = false)
    private long covered;
    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;
    @Column(name = "KEY_ID", length = 128, nullable = false)
    private String keyId;
    @Column(name = "ALG", length = 32, nullable = false)
    private String algorithm;
    @Column(name = "SIGNATURE", length = 1024, nullable = false)
    private String signature;
    /** Record format the checkpoint signs; null for checkpoints written before format 2 (format 1). */
    @Column(name = "FORMAT_VERSION")
    private Integer formatVersion;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getNode() { return node; }
    public void setNode(String node) { this.node = node; }
    public String getEpoch() { return epoch; }
    public void setEpoch(String epoch) { this.epoch = epoch; }
    public long getThroughSeq() { return throughSeq; }
    public void setThroughSeq(long throughSeq) { this.throughSeq = throughSeq; }
    public String getHeadHash() { return headHash; }
    public void setHeadHash(String headHash) { this.headHash = headHash; }
    public long getCovered() { return covered; }
    public void setCovered(long covered) { this.covered = covered; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public String getKeyId() { return keyId; }
    public void setKeyId(String keyId) { this.keyId = keyId; }
    public String getAlgorithm() { return algorithm; }
    public void setAlgorithm(String algorithm) { this.algorithm = algorithm; }
    public String getSignature() { return signature; }
    public void setSignature(String signature) { this.signature = signature; }
    public long getFormatVersion() { return formatVersion == null ? 1 : formatVersion; }
    public void setFormatVersion(long formatVersion) { this.formatVersion = (int) formatVersion; }

    /** The signed statement this row holds. */
    public Checkpoint toCheckpoint() {
        return new Checkpoint(node, epoch, throughSeq, headHash, covered,
                createdAt, keyId, algorithm, getFormatVersion());
    }
}
