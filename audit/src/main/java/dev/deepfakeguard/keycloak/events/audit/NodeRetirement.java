package dev.deepfakeguard.keycloak.events.audit;

import dev.deepfakeguard.keycloak.events.audit.jpa.AuditNodeEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditStore;

/**
 * An admin's statement that a node id is gone for good: marks it retired, so that the next chaining round of a live
 * node closes its last epoch with a hand-over record and chains its orphaned records ({@link Adoption}). A node that
 * renewed its hold on the id within the lease is alive and cannot be retired; a retired id never chains again.
 */
public final class NodeRetirement {

    /** What the request came to. */
    public enum Outcome {
        RETIRED, UNKNOWN, LIVE, ALREADY_RETIRED, SELF
    }

    /** @param orphans committed records of the node that were never chained, adopted by the next round */
    public record Result(Outcome outcome, String node, long orphans) {
    }

    private final String self;
    private final long leaseMillis;

    NodeRetirement(String self, long leaseMillis) {
        this.self = self;
        this.leaseMillis = leaseMillis;
    }

    /** In the admin request's transaction. */
    public Result retire(AuditStore store, String node, long now) {
        if (node.equals(self)) {
            return new Result(Outcome.SELF, node, 0);
        }
        AuditNodeEntity row = store.lockedNode(node).orElse(null);
        long orphans = store.unchainedCount(node);
        if (row == null) {
            if (store.checkpointCount(node) == 0 && orphans == 0) {
                return new Result(Outcome.UNKNOWN, node, 0);
            }
            row = new AuditNodeEntity();
            row.setNode(node);
            row.setEpoch("-");
            row.setHeartbeatAt(0);
            store.add(row);
        } else if (row.getRetiredAt() != null) {
            return new Result(Outcome.ALREADY_RETIRED, node, orphans);
        } else if (row.getHeartbeatAt() != 0 && now - row.getHeartbeatAt() <= leaseMillis) {
            return new Result(Outcome.LIVE, node, orphans);
        }
        row.setRetiredAt(now);
        return new Result(Outcome.RETIRED, node, orphans);
    }
}
