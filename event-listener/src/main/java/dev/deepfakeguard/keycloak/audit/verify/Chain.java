package dev.deepfakeguard.keycloak.audit.verify;

import java.util.Map;
import java.util.TreeMap;

import dev.deepfakeguard.keycloak.audit.format.Digests;

/**
 * What the verifier knows about one chain (node + boot epoch) while reading: the last record whose link was checked
 * (the anchor) and the records read since, kept until a checkpoint or the end settles them in sequence order.
 * Holding only one checkpoint's worth of records keeps memory flat however long the export is.
 */
final class Chain {

    /** A record's place in the chain. {@code sound} is false when its own hash or personal part was wrong. */
    record Link(long seq, String hash, String prevHash, boolean sound, int line) {
    }

    /** Where an {@code epoch_start} record says the node's previous epoch ended. */
    record Predecessor(String epoch, long seq, String hash) {
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
     * broken links, and advances the anchor.
     */
    void settle(long throughSeq, Report report) {
        Map<Long, Link> due = unsettled.headMap(throughSeq, true);
        boolean linkKnown = anchorHash != null;
        for (Link link : due.values()) {
            long expected = anchorSeq + 1;
            if (anchorHash == null && link.seq() > 1) {
                report.note(label() + " starts at seq " + link.seq() + " in this export (earlier records are "
                        + "outside the exported range)");
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
            } else {
                linkKnown = true;
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
