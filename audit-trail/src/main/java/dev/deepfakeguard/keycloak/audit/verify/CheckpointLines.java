package dev.deepfakeguard.keycloak.audit.verify;

import java.util.Map;

import dev.deepfakeguard.keycloak.audit.format.Checkpoint;
import dev.deepfakeguard.keycloak.audit.format.Digests;
import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.audit.format.Fields;
import dev.deepfakeguard.keycloak.audit.format.RecordHash;

/**
 * Checkpoint and anchor lines: a checkpoint settles its chain through its seq and must be signed, cover records that
 * are all there, name the head hash they end at and never go back; an anchor is a signed checkpoint outside the
 * exported range that proves where a chain segment starts.
 *
 * <p>{@code strict} = the export's header says format 2 (anchors exist, format 2 checkpoints are allowed).
 */
final class CheckpointLines {

    private final ExportVerifier verifier;
    private final Report report;
    private final CheckpointSignatures signatures;
    private final Anchors anchors;

    CheckpointLines(ExportVerifier verifier, CheckpointSignatures signatures, Anchors anchors) {
        this.verifier = verifier;
        this.report = verifier.report;
        this.signatures = signatures;
        this.anchors = anchors;
    }

    void checkpoint(Map<String, Object> json, int lineNumber, boolean strict) {
        report.checkpoints++;
        Checkpoint checkpoint = Checkpoint.fromJson(Fields.object(json, "checkpoint"));
        Chain chain = verifier.chain(checkpoint.node(), checkpoint.epoch());
        String where = "line " + lineNumber + ": checkpoint through seq " + checkpoint.throughSeq() + " ("
                + chain.label() + ")";
        boolean valid = signatures.valid(checkpoint, Fields.string(json, "signature"), where, lineNumber);
        if (!strict && checkpoint.version() >= RecordHash.VERSION_REALM_BOUND) {
            report.invalid(where + ": of format " + checkpoint.version() + ", in an export whose header says "
                    + ExportFormat.FORMAT_1);
            valid = false;
        }
        chain.settle(checkpoint.throughSeq(), report, anchors.of(chain.node, chain.epoch), strict);
        if (chain.anchorSeq < checkpoint.throughSeq()) {
            report.invalid(where + ": records seq " + (chain.anchorSeq + 1) + ".." + checkpoint.throughSeq()
                    + " it covers are missing (truncated or deleted)");
            valid = false;
        } else if (!Digests.sameHash(chain.anchorHash, checkpoint.headHash())) {
            report.invalid(where + ": head hash does not match record seq " + checkpoint.throughSeq());
            valid = false;
        }
        if (checkpoint.version() >= RecordHash.VERSION_REALM_BOUND && chain.legacySinceCheckpoint != null) {
            report.invalid(chain.legacySinceCheckpoint.describe(chain.label()) + ": of format 1 (no realm), but "
                    + "checkpoint through seq " + checkpoint.throughSeq() + " covers records of format "
                    + checkpoint.version() + " only (a record hidden as an elided line?)");
            valid = false;
        }
        chain.legacySinceCheckpoint = null;
        if (checkpoint.throughSeq() < chain.checkpointedThrough) {
            report.invalid(where + ": goes back behind the previous checkpoint (seq " + chain.checkpointedThrough
                    + ")");
            valid = false;
        }
        if (valid) {
            report.validCheckpoints++;
            report.validRecords += chain.soundSinceCheckpoint;
            chain.checkpointedThrough = checkpoint.throughSeq();
            chain.lastCheckpointTime = Math.max(chain.lastCheckpointTime, checkpoint.time());
        }
        chain.soundSinceCheckpoint = 0;
    }

    /**
     * A signed checkpoint that covers no record of the export: it anchors the start of a chain segment that does not
     * begin at seq 1, or the end of a predecessor epoch outside the exported range.
     */
    void anchor(Map<String, Object> json, int lineNumber, boolean strict) {
        Checkpoint checkpoint = Checkpoint.fromJson(Fields.object(json, "checkpoint"));
        Fields.requireId("node", checkpoint.node());
        String where = "line " + lineNumber + ": anchor checkpoint through seq " + checkpoint.throughSeq()
                + " (node " + checkpoint.node() + " epoch " + checkpoint.epoch() + ")";
        if (!signatures.valid(checkpoint, Fields.string(json, "signature"), where, lineNumber)) {
            return;
        }
        if (!strict) {
            report.invalid(where + ": anchors do not exist in an export whose header says " + ExportFormat.FORMAT_1);
            return;
        }
        anchors.add(checkpoint);
    }
}
