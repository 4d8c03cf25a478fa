package dev.deepfakeguard.keycloak.events.audit;

import java.util.Optional;

import org.jboss.logging.Logger;

import dev.deepfakeguard.keycloak.events.audit.jpa.AuditNodeEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditStore;

/**
 * This process's hold on its node id, taken and renewed inside every chaining round's transaction under the node
 * row's lock. On refusal the node stops chaining for good, its capture is switched off and an alert is logged:
 * a second process with the same id must not write into, or link, another process's chain.
 */
final class NodeLease {

    private static final Logger LOG = Logger.getLogger(NodeLease.class);
    /** A holder that has not renewed for this long is gone; its successor may take the id. */
    static final long MIN_LEASE_MILLIS = 15_000;

    private final String node;
    private final String epoch;
    private final LeaseRule rule;
    private final Runnable onRefused;

    NodeLease(String node, String epoch, long chainIntervalMillis, Runnable onRefused) {
        this.node = node;
        this.epoch = epoch;
        this.rule = new LeaseRule(epoch, leaseMillis(chainIntervalMillis));
        this.onRefused = onRefused;
    }

    static long leaseMillis(long chainIntervalMillis) {
        return Math.max(MIN_LEASE_MILLIS, 5 * chainIntervalMillis);
    }

    /** In the round's transaction: true when this round may chain. */
    boolean hold(AuditStore store, long now) {
        if (rule.refused()) {
            return false;
        }
        AuditNodeEntity row = store.lockedNode(node).orElse(null);
        Optional<LeaseRule.Row> seen = Optional.ofNullable(row).map(r -> new LeaseRule.Row(r.getEpoch(),
                r.getHeartbeatAt(), r.getRetiredAt() != null));
        switch (rule.decide(seen, now)) {
            case CLAIM -> {
                claim(store, row, now, seen);
                return true;
            }
            case RENEW -> {
                row.setHeartbeatAt(now);
                return true;
            }
            case WAIT -> {
                return false;
            }
            default -> {
                refused(seen.orElseThrow());
                return false;
            }
        }
    }

    private void claim(AuditStore store, AuditNodeEntity row, long now, Optional<LeaseRule.Row> seen) {
        if (row == null) {
            AuditNodeEntity created = new AuditNodeEntity();
            created.setNode(node);
            created.setEpoch(epoch);
            created.setHeartbeatAt(now);
            store.addNodeNow(created);
            return;
        }
        seen.filter(s -> s.heartbeatAt() != 0).ifPresent(s -> LOG.infof("Deepfake Guard audit node %s: epoch %s "
                + "stopped renewing its hold on the node id; epoch %s takes over", node, s.epoch(), epoch));
        row.setEpoch(epoch);
        row.setHeartbeatAt(now);
    }

    private void refused(LeaseRule.Row row) {
        if (row.retired()) {
            LOG.errorf("%s audit node id %s was retired by an admin; this process (epoch %s) does not chain and its "
                    + "audit listener is off. Give this node a new node-id (or remove <data>/deepfake-guard-audit/"
                    + "node-id) and restart it.", AuditCapture.ALERT, node, epoch);
        } else {
            LOG.errorf("%s REFUSING the audit node id %s: another live Keycloak process (epoch %s) is chaining it. "
                    + "Two nodes with one id would corrupt the audit trail, so this process (epoch %s) does not "
                    + "chain and its audit listener is off. Give each node its own node-id (or its own data folder) "
                    + "and restart this one.", AuditCapture.ALERT, node, row.epoch(), epoch);
        }
        onRefused.run();
    }

    /** A clean stop gives the id back at once, so a restart need not wait for the lease to run out. */
    void release(AuditStore store) {
        if (rule.waiting() || rule.refused()) {
            return;
        }
        store.lockedNode(node).filter(row -> row.getEpoch().equals(epoch)).ifPresent(row -> row.setHeartbeatAt(0));
    }

    boolean waiting() {
        return rule.waiting();
    }

    boolean refused() {
        return rule.refused();
    }
}
