package dev.deepfakeguard.keycloak.events.audit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.logging.Logger;

import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditNodeEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditRecordEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditStore;

/**
 * A live node's part in retiring a departed one: in its own chaining round (one transaction), it links a
 * {@code node_handover} record that names where the retired node's last epoch ended, then chains that node's
 * committed but never chained records as its own. The retired node's row is locked and marked adopted in the same
 * transaction, so exactly one live node adopts each retired node, once.
 */
final class Adoption {

    /** Where the chainer puts what this adoption links. */
    interface Sink {
        /** Links a record of the listener's own (no realm). */
        void system(Map<String, Object> body);

        /** Links an adopted row, now of this node. */
        void adopt(AuditRecordEntity row);
    }

    private static final Logger LOG = Logger.getLogger(Adoption.class);

    private final String self;

    Adoption(String self) {
        this.self = self;
    }

    void run(AuditStore store, Sink sink, long now) {
        for (String node : store.retiredNotAdopted()) {
            AuditNodeEntity row = store.lockedNode(node).orElse(null);
            if (row == null || row.getAdoptedBy() != null || node.equals(self)) {
                continue; // another live node adopted it meanwhile
            }
            adopt(store, sink, row, now);
        }
    }

    private void adopt(AuditStore store, Sink sink, AuditNodeEntity row, long now) {
        String node = row.getNode();
        Map<String, Object> retired = new TreeMap<>();
        retired.put("node", node);
        store.newestCheckpoint(node).ifPresent(c -> {
                    retired.put("epoch", c.getEpoch());
                    retired.put("seq", c.getThroughSeq());
                    retired.put("hash", c.getHeadHash());
                    retired.put("keyId", c.getKeyId());
                });
        List<AuditRecordEntity> orphans = store.unchained(node);
        Map<String, Object> handOver = new TreeMap<>();
        handOver.put("type", ExportFormat.TYPE_NODE_HANDOVER);
        handOver.put("time", now);
        handOver.put("retired", retired);
        handOver.put("retiredAt", row.getRetiredAt());
        handOver.put("adopted", (long) orphans.size());
        sink.system(handOver);
        for (AuditRecordEntity orphan : orphans) {
            orphan.setNode(self);
            sink.adopt(orphan);
        }
        row.setAdoptedBy(self);
        LOG.infof("Deepfake Guard audit: node %s chained the %d orphaned records of retired node %s (its last epoch "
                + "%s ends at seq %s)", self, orphans.size(), node, retired.get("epoch"), retired.get("seq"));
    }
}
