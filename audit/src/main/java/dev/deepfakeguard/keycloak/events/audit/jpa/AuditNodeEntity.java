package dev.deepfakeguard.keycloak.events.audit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Which process chains a node id's records: the epoch holding the id and when it last renewed its lease. Every
 * chaining round renews it under a row lock in the round's own transaction, so two processes that were given the
 * same node id can never both link that id's records.
 */
@Entity
@Table(name = "DFG_AUDIT_NODE")
public class AuditNodeEntity {

    @Id
    @Column(name = "NODE", length = 128)
    private String node;
    @Column(name = "EPOCH", length = 64, nullable = false)
    private String epoch;
    /** Epoch millis of the holder's last renewal; 0 = released by a clean stop. */
    @Column(name = "HEARTBEAT_AT", nullable = false)
    private long heartbeatAt;
    /** Epoch millis when an admin retired the id for good; null while it is in use. */
    @Column(name = "RETIRED_AT")
    private Long retiredAt;
    /** The live node that chained a retired node's orphaned records under a hand-over record; null until then. */
    @Column(name = "ADOPTED_BY", length = 128)
    private String adoptedBy;

    public String getNode() { return node; }
    public void setNode(String node) { this.node = node; }
    public String getEpoch() { return epoch; }
    public void setEpoch(String epoch) { this.epoch = epoch; }
    public long getHeartbeatAt() { return heartbeatAt; }
    public void setHeartbeatAt(long heartbeatAt) { this.heartbeatAt = heartbeatAt; }
    public Long getRetiredAt() { return retiredAt; }
    public void setRetiredAt(Long retiredAt) { this.retiredAt = retiredAt; }
    public String getAdoptedBy() { return adoptedBy; }
    public void setAdoptedBy(String adoptedBy) { this.adoptedBy = adoptedBy; }
}
