package dev.deepfakeguard.keycloak.audit.verify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiPredicate;

import dev.deepfakeguard.keycloak.audit.format.Digests;
import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.audit.format.Fields;

/**
 * The {@code node_handover} records of an export: each closes a retired node's last epoch at the seq and head hash
 * it names. A closed epoch must end exactly there (records after it, or a shorter end, are tampering), must be in
 * the export or anchored by its last checkpoint, and is not a live chain whose silence could hide a lost tail.
 */
final class Retirements {

    /** Where a hand-over in {@code by} says the retired node's epoch ended. */
    record Closure(String node, String epoch, long seq, String hash, String by) {
    }

    private final Map<String, Closure> closures = new LinkedHashMap<>();

    /** Reads a record of the parsing path; only hand-overs matter here. */
    @SuppressWarnings("unchecked")
    void read(Chain chain, Map<String, Object> record, Report report, String where) {
        if (!ExportFormat.TYPE_NODE_HANDOVER.equals(record.get("type"))) {
            return;
        }
        try {
            Map<String, Object> retired = (Map<String, Object>) Fields.object(record, "retired");
            String node = Fields.requireId("retired node", Fields.string(retired, "node"));
            long adopted = Fields.integer(record, "adopted");
            if (!retired.containsKey("epoch")) {
                report.note("node " + node + " retired without a checkpoint of its own; " + adopted + " records "
                        + "adopted by " + chain.label());
                return;
            }
            Closure closure = new Closure(node, Fields.requireId("retired epoch", Fields.string(retired, "epoch")),
                    Fields.integer(retired, "seq"), Fields.string(retired, "hash"), chain.label());
            closures.put(Chain.key(closure.node(), closure.epoch()), closure);
            report.note("node " + node + " retired: epoch " + closure.epoch() + " closed at seq " + closure.seq()
                    + "; " + adopted + " orphaned records adopted by " + chain.label());
        } catch (IllegalArgumentException | ClassCastException e) {
            report.invalid(where + ": malformed node_handover record (" + e.getMessage() + ")");
        }
    }

    boolean closes(Chain chain) {
        return closures.containsKey(Chain.key(chain.node, chain.epoch));
    }

    /**
     * @param anchored whether an anchor checkpoint of (node, closure) with the closure's seq and hash is present
     */
    void check(Map<String, Chain> chains, BiPredicate<String, Closure> anchored, Report report) {
        for (Closure closure : closures.values()) {
            Chain closed = chains.get(Chain.key(closure.node(), closure.epoch()));
            if (closed != null) {
                if (closed.anchorSeq != closure.seq() || !Digests.sameHash(closed.anchorHash, closure.hash())) {
                    report.invalid(closed.label() + " ends at seq " + closed.anchorSeq + " in this export, but the "
                            + "hand-over in " + closure.by() + " closed it at seq " + closure.seq()
                            + " (records added after its retirement, or its end removed)");
                }
            } else if (!anchored.test(closure.node(), closure)) {
                report.invalid("node " + closure.node() + " epoch " + closure.epoch() + ", closed by the hand-over "
                        + "in " + closure.by() + " at seq " + closure.seq() + ", is missing from this export (its "
                        + "records and checkpoints were deleted)");
            }
            for (Chain chain : chains.values()) {
                if (chain.node.equals(closure.node()) && chain.predecessor != null
                        && chain.predecessor.epoch().equals(closure.epoch())) {
                    report.invalid(chain.label() + " continues the retired node after its hand-over");
                }
            }
        }
    }
}
