package dev.deepfakeguard.keycloak.events.audit;

import java.util.Optional;

/**
 * Decides, from what the node row says, whether this process may chain its node id. Pure and stateful per process:
 * it remembers the first foreign holder it saw, because only a holder that keeps renewing is alive. A process that
 * restarts after a crash finds its own previous epoch in the row; that epoch never renews again, so after one lease
 * the id is taken over. A second live process with the same id renews within the lease and is detected.
 */
final class LeaseRule {

    /** The row as read under its lock; {@code heartbeatAt} 0 = released by a clean stop. */
    record Row(String epoch, long heartbeatAt, boolean retired) {
    }

    enum Action {
        /** Write this epoch and the time into the row: the id is free. */
        CLAIM,
        /** This epoch holds the id: renew and chain. */
        RENEW,
        /** A foreign holder may still be alive: do not chain yet. */
        WAIT,
        /** Another live process holds the id, or took it over, or the id is retired: never chain again. */
        REFUSE
    }

    private final String epoch;
    private final long leaseMillis;
    private boolean held;
    private boolean refused;
    private Row observed;
    private long observedAt;

    LeaseRule(String epoch, long leaseMillis) {
        this.epoch = epoch;
        this.leaseMillis = leaseMillis;
    }

    Action decide(Optional<Row> current, long now) {
        if (refused) {
            return Action.REFUSE;
        }
        if (current.isEmpty()) {
            return Action.CLAIM;
        }
        Row row = current.get();
        if (row.retired()) {
            return refuse();
        }
        if (row.epoch().equals(epoch)) {
            // Seen committed: from now on a different epoch in the row means another process took the id.
            held = true;
            return Action.RENEW;
        }
        if (held) {
            return refuse();
        }
        if (row.heartbeatAt() == 0) {
            return Action.CLAIM;
        }
        if (observed == null) {
            observed = row;
            observedAt = now;
            return now - row.heartbeatAt() > leaseMillis ? Action.CLAIM : Action.WAIT;
        }
        if (!observed.equals(row)) {
            return refuse();
        }
        return now - observedAt >= leaseMillis ? Action.CLAIM : Action.WAIT;
    }

    private Action refuse() {
        refused = true;
        return Action.REFUSE;
    }

    boolean refused() {
        return refused;
    }

    /** Not yet chaining and not refused: still waiting to see whether a foreign holder is alive. */
    boolean waiting() {
        return !held && !refused;
    }
}
