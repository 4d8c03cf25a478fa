package dev.deepfakeguard.keycloak.audit.verify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.deepfakeguard.keycloak.audit.format.Digests;

/**
 * The checks between the chains of an export once all are read: every epoch that names its predecessor must find
 * it, as a chain of the export that ends exactly where the epoch_start said, or as an anchor checkpoint with that seq
 * and head hash. A chain without successor is the node's live (or last) epoch; a stale one may have lost its tail.
 */
final class HandOvers {

    /** A live chain whose newest checkpoint is older than this many heartbeats may have lost its tail. */
    private static final int STALE_HEARTBEATS = 3;

    private final Map<String, Chain> chains;
    private final Anchors anchors;
    private final Report report;

    HandOvers(Map<String, Chain> chains, Anchors anchors, Report report) {
        this.chains = chains;
        this.anchors = anchors;
        this.report = report;
    }

    /**
     * @param strict         format 2 export: a missing predecessor was deleted, not merely outside the range
     * @param exportedAt     the export's time ({@code Long.MAX_VALUE} when unknown)
     * @param heartbeatMillis the nodes' checkpoint heartbeat (0 when unknown)
     */
    void check(Retirements retirements, boolean strict, long exportedAt, long heartbeatMillis) {
        Map<String, Chain> successors = new LinkedHashMap<>();
        for (Chain chain : chains.values()) {
            if (chain.predecessor != null) {
                successors.put(Chain.key(chain.node, chain.predecessor.epoch()), chain);
            }
        }
        for (Chain chain : chains.values()) {
            if (chain.startsWithEpochRecord) {
                report.note("new epoch " + chain.epoch + " on node " + chain.node + " at "
                        + Instant.ofEpochMilli(chain.startTime) + describePredecessor(chain));
            }
            Chain.Predecessor said = chain.predecessor;
            if (said != null) {
                Chain previous = chains.get(Chain.key(chain.node, said.epoch()));
                if (previous != null) {
                    if (previous.anchorSeq != said.seq() || !Digests.sameHash(previous.anchorHash, said.hash())) {
                        report.invalid(previous.label() + " ends at seq " + previous.anchorSeq + " in this export, "
                                + "but epoch " + chain.epoch + " recorded its end at seq " + said.seq()
                                + " (truncated or altered)");
                    }
                } else if (!anchored(chain.node, said)) {
                    String missing = chain.label() + " follows epoch " + said.epoch() + " through seq " + said.seq()
                            + ", which is missing from this export";
                    if (strict) {
                        report.invalid(missing + " (its records and checkpoints were deleted)");
                    } else {
                        report.incomplete(missing + " (a format 1 export cannot show whether it is outside the "
                                + "exported range or deleted)");
                    }
                }
            }
            if (successors.get(Chain.key(chain.node, chain.epoch)) == null && !retirements.closes(chain)
                    && chain.lastCheckpointTime != Long.MIN_VALUE && heartbeatMillis > 0
                    && exportedAt != Long.MAX_VALUE
                    && exportedAt - chain.lastCheckpointTime > STALE_HEARTBEATS * heartbeatMillis) {
                report.incomplete(chain.label() + ": newest checkpoint is "
                        + (exportedAt - chain.lastCheckpointTime) / 1000 + " s older than the export; later records "
                        + "may be missing or the node stopped");
            }
        }
    }

    private boolean anchored(String node, Chain.Predecessor said) {
        return anchors.endsAt(node, said.epoch(), said.seq(), said.hash());
    }

    private String describePredecessor(Chain chain) {
        Chain.Predecessor previous = chain.predecessor;
        if (previous == null) {
            return " (first epoch of the node)";
        }
        String where = chains.containsKey(Chain.key(chain.node, previous.epoch())) ? ""
                : anchored(chain.node, previous) ? ", anchored by its last checkpoint before the exported range"
                : ", which is not in this export";
        return " (follows epoch " + previous.epoch() + " through seq " + previous.seq() + where
                + (previous.witnessed() ? "" : "; hand-over read from the database alone, without the node's own "
                + "witness of where that epoch ended") + ")";
    }
}
