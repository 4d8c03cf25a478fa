package dev.deepfakeguard.keycloak.events.audit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One entry of the public-key manifest: every key that ever signed a checkpoint. */
@Entity
@Table(name = "DFG_AUDIT_KEY")
public class AuditKeyEntity {

    @Id
    @Column(name = "KEY_ID", length = 128)
    private String keyId;
    @Column(name = "ALG", length = 32, nullable = false)
    private String algorithm;
    @Column(name = "PUBLIC_KEY", length = 4000, nullable = false)
    private String publicKey;
    @Column(name = "FIRST_USED", nullable = false)
    private long firstUsed;
    @Column(name = "NODE", length = 128, nullable = false)
    private String node;

    public String getKeyId() { return keyId; }
    public void setKeyId(String keyId) { this.keyId = keyId; }
    public String getAlgorithm() { return algorithm; }
    public void setAlgorithm(String algorithm) { this.algorithm = algorithm; }
    public String getPublicKey() { return publicKey; }
    public void setPublicKey(String publicKey) { this.publicKey = publicKey; }
    public long getFirstUsed() { return firstUsed; }
    public void setFirstUsed(long firstUsed) { this.firstUsed = firstUsed; }
    public String getNode() { return node; }
    public void setNode(String node) { this.node = node; }
}
