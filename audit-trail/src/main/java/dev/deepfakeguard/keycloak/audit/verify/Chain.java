package dev.deepfakeguard.keycloak.audit.verify;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.deepfakeguard.keycloak.audit.format.Checkpoint;
import dev.deepfakeguard.keycloak.audit.format.Digests;

/**
 * What the verifier knows about one chain (node + boot epoch) while reading: the last record whose link was checked
 * (the anchor) and the records read since, kept until a checkpoint or the end settles them in sequence order.
 * Holding only one checkpoint's worth of records keeps memory flat however long the export is.
 */
final class Chain {

    /**
     * A record's place in the chain. {@code sound} is false when its own hash, realm or personal part was wrong (and
     * for elided records, which are not counted as valid records of the export). {@code version} is the record
     * format: 2 binds the realm, 1 does not (and an elided line without content hash and realm counts as 1).
     */
    record Link(long seq, String hash, String prevHash, boolean sound, int line, long version, boolean elided) {

        String describe(String label) {
            return "line " + line + ": " + (elided ? "elided record" : "record") + " seq " + seq + " (" + label + ")";
        }
    }

    /**
     * Where an {@code epoch_start} record says the node's previous epoch ended; {@code witnessed} = the node checked
     * it against its own node-local record of that epoch's end, not only against the database.
     */
    record Predecessor(String epoch, long seq, String hash, boolean witnessed) {
    }

    final String node;
    final String epoch;
    final TreeMap<Long, Link> unsettled = new TreeMap<>();
    long anchorSeq;
    String anchorHash;
    long maxSeqRead;
    long checkpointedThrough;
    long lastCheckpointTime = Long.MIN_VALUE;
    long soundSinceCheckpoint;
    long recordsRead;
    long startTime;
    Predecessor predecessor;
    boolean startsWithEpochRecord;
    /** The first format 1 record settled since the last checkpoint, if any. */
    Link legacySinceCheckpoint;

    Chain(String node, String epoch) {
        this.node = node;
        this.epoch = epoch;
    }

    String label() {
        return "node " + node + " epoch " + epoch;
    }

    static String key(String node, String epoch) {
        return node + "\u0000" + epoch;
    }

    /**
     * Checks the links of every unsettled record up to {@code throughSeq}, in sequence order, reporting gaps and
     * broken links, and advances the anchor. A chain must start at its genesis (seq 1, an epoch_start linked to 64
     * zeros) or right after a signed anchor checkpoint of the export: anything else means its first records are
     * gone.
     *
     * @param anchors this chain's validly signed anchor checkpoints
     * @param strict  format 2 export, which carries anchors: an unanchored start is invalid, not merely unprovable
     */
    void settle(long throughSeq, Report report, List<Checkpoint> anchors, boolean strict) {
        Map<Long, Link> due = unsettled.headMap(throughSeq, true);
        boolean linkKnown = anchorHash != null;
        for (Link link : due.values()) {
            if (anchorHash == null && link.seq() > 1) {
                Checkpoint anchor = anchors.stream().filter(a -> a.throughSeq() == link.seq() - 1).findFirst()
                        .orElse(null);
                if (anchor != null) {
                    anchorSeq = anchor.throughSeq();
                    anchorHash = anchor.headHash();
                    checkpointedThrough = Math.max(checkpointedThrough, anchor.throughSeq());
                    linkKnown = true;
                }
            }
            long expected = anchorSeq + 1;
            if (anchorHash == null && link.seq() > 1) {
                String start = label() + " starts at seq " + link.seq() + ", but neither its first records nor a "
                        + "signed checkpoint through seq " + (link.seq() - 1) + " are in this export";
                if (strict) {
                    report.invalid(start + " (its earlier records were deleted)");
                } else {
                    report.incomplete(start + " (a format 1 export cannot show whether they are outside the "
                            + "exported range or deleted)");
                }
                linkKnown = true;
            } else if (link.seq() > expected) {
                report.invalid(label() + ": gap, " + range(expected, link.seq() - 1) + " missing");
                linkKnown = false;
            } else if (linkKnown && !Digests.sameHash(link.prevHash(),
                    anchorHash)) {
                report.invalid("line " + link.line() + ": record seq " + link.seq() + " (" + label()
                        + "): broken link, prevHash does not match record seq " + anchorSeq);
                linkKnown = false;
            } else if (anchorHash == null && link.seq() == 1 && !Digests.GENESIS
                    .equals(link.prevHash())) {
                report.invalid("line " + link.line() + ": record seq 1 (" + label() + ") does not start from the "
                        + "genesis hash");
                linkKnown = false;
            } else if (anchorHash == null && link.seq() == 1 && strict && !startsWithEpochRecord) {
                report.invalid(link.describe(label()) + ": the first record of a chain must be its epoch_start");
                linkKnown = false;
            } else {
                linkKnown = true;
            }
            if (link.version() < 2 && legacySinceCheckpoint == null) {
                legacySinceCheckpoint = link;
            }
            if (link.sound() && linkKnown) {
                soundSinceCheckpoint++;
            }
            anchorSeq = link.seq();
            anchorHash = link.hash();
            linkKnown = true;
        }
        due.clear();
    }

    private static String range(long from, long to) {
        return from == to ? "record seq " + from : "records seq " + from + ".." + to;
    }
}
