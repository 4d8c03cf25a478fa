package dev.deepfakeguard.keycloak.audit.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.deepfakeguard.keycloak.audit.format.AuditKeys;
import dev.deepfakeguard.keycloak.audit.format.CanonicalJson;
import dev.deepfakeguard.keycloak.audit.format.Checkpoint;
import dev.deepfakeguard.keycloak.audit.format.Digests;
import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.audit.format.Fields;
import dev.deepfakeguard.keycloak.audit.format.Json;
import dev.deepfakeguard.keycloak.audit.format.JsonSyntaxException;
import dev.deepfakeguard.keycloak.audit.format.ManifestKey;

/**
 * Checks one export offline, line by line: every record's hash over its RFC 8785 form, the links between records,
 * gaps and order, every checkpoint's signature against the key manifest (and the operator's pinned keys), the
 * personal parts against their digests, the hand-over between boot epochs, and that the file is whole.
 *
 * <p>Every problem becomes one {@link Finding} naming the line and the record; nothing in the input can make this
 * class throw.
 */
public final class ExportVerifier {

    /** A live chain whose newest checkpoint is older than this many heartbeats may have lost its tail. */
    private static final int STALE_HEARTBEATS = 3;

    private final Set<String> pinnedKeyIds;
    private final Report report = new Report();
    private final Map<String, Chain> chains = new LinkedHashMap<>();
    private final Map<String, ManifestKey> manifest = new LinkedHashMap<>();
    private boolean headerSeen;
    private boolean manifestSeen;
    private boolean manifestMissingReported;
    private boolean endSeen;
    private long exportedAt = Long.MAX_VALUE;
    private long heartbeatMillis;
    private int lineNumber;

    /** @param pinnedKeyIds key ids the operator trusts; empty = trust the export's own manifest */
    public ExportVerifier(Set<String> pinnedKeyIds) {
        this.pinnedKeyIds = Set.copyOf(pinnedKeyIds);
    }

    public static Report verify(BufferedReader export, Set<String> pinnedKeyIds) throws IOException {
        ExportVerifier verifier = new ExportVerifier(pinnedKeyIds);
        String line;
        while ((line = export.readLine()) != null) {
            verifier.line(line);
        }
        return verifier.finish();
    }

    public void line(String text) {
        lineNumber++;
        if (text.isBlank()) {
            return;
        }
        if (endSeen) {
            report.invalid("line " + lineNumber + ": content after the end line");
            return;
        }
        Map<String, Object> json;
        try {
            json = Json.parseObject(text);
        } catch (JsonSyntaxException e) {
            report.invalid("line " + lineNumber + ": not valid JSON (" + e.getMessage() + ")");
            return;
        }
        Object kind = json.get(ExportFormat.LINE_KIND);
        if (!headerSeen && !ExportFormat.HEADER.equals(kind)) {
            report.incomplete("line " + lineNumber + ": the export does not start with its header line");
            headerSeen = true;
        }
        try {
            dispatch(kind, json);
        } catch (IllegalArgumentException e) {
            report.invalid("line " + lineNumber + ": malformed " + kind + " line: " + e.getMessage());
        }
    }

    private void dispatch(Object kind, Map<String, Object> json) {
        if (!(kind instanceof String name)) {
            throw new IllegalArgumentException("member \"kind\" is missing");
        }
        switch (name) {
            case ExportFormat.HEADER -> header(json);
            case ExportFormat.MANIFEST -> manifest(json);
            case ExportFormat.RECORD -> record(json);
            case ExportFormat.ELIDED -> elided(json);
            case ExportFormat.CHECKPOINT -> checkpoint(json);
            case ExportFormat.PENDING -> report.pending++;
            case ExportFormat.END -> end(json);
            default -> report.invalid("line " + lineNumber + ": unknown line kind \"" + name + "\"");
        }
    }

    private void header(Map<String, Object> json) {
        if (headerSeen) {
            report.invalid("line " + lineNumber + ": a second header line");
            return;
        }
        headerSeen = true;
        String format = Fields.string(json, "format");
        if (!ExportFormat.FORMAT.equals(format)) {
            report.incomplete("line " + lineNumber + ": unknown format \"" + format + "\" (this verifier reads "
                    + ExportFormat.FORMAT + ")");
        }
        exportedAt = Math.min(Fields.integer(json, "exportedAt"), Fields.integer(json, "to"));
        heartbeatMillis = Fields.integer(json, "heartbeatMillis");
    }

    @SuppressWarnings("unchecked")
    private void manifest(Map<String, Object> json) {
        if (manifestSeen) {
            report.invalid("line " + lineNumber + ": a second key manifest");
            return;
        }
        manifestSeen = true;
        Object keys = json.get("keys");
        if (!(keys instanceof List<?> list)) {
            throw new IllegalArgumentException("member \"keys\" must be an array");
        }
        for (Object entry : list) {
            if (!(entry instanceof Map)) {
                throw new IllegalArgumentException("every key must be an object");
            }
            ManifestKey key = ManifestKey.fromJson((Map<String, Object>) entry);
            manifest.put(key.keyId(), key);
        }
        for (String pinned : pinnedKeyIds) {
            if (!manifest.containsKey(pinned)) {
                report.note("trusted key " + pinned + " does not appear in the export's manifest");
            }
        }
    }

    private void record(Map<String, Object> json) {
        Map<String, Object> record = Fields.object(json, "record");
        String node = Fields.string(record, "node");
        String epoch = Fields.string(record, "epoch");
        long seq = Fields.integer(record, "seq");
        String prevHash = Fields.string(record, "prevHash");
        String stated = Fields.string(json, "hash");
        String computed = Digests.canonicalHash(record);
        Chain chain = chain(node, epoch);
        String where = "line " + lineNumber + ": record seq " + seq + " (" + chain.label() + ")";
        boolean sound = true;
        if (!Digests.sameHash(stated, computed)) {
            report.invalid(where + ": hash does not match its content");
            sound = false;
        }
        if (!personalPartMatches(json, record, where)) {
            sound = false;
        }
        if (seq == 1) {
            epochStart(chain, record);
        }
        place(chain, new Chain.Link(seq, computed, prevHash, sound, lineNumber), where);
        report.records++;
    }

    private void elided(Map<String, Object> json) {
        String node = Fields.string(json, "node");
        String epoch = Fields.string(json, "epoch");
        long seq = Fields.integer(json, "seq");
        Chain chain = chain(node, epoch);
        String where = "line " + lineNumber + ": elided record seq " + seq + " (" + chain.label() + ")";
        place(chain, new Chain.Link(seq, Fields.string(json, "hash"), Fields.string(json, "prevHash"), false,
                lineNumber), where);
        report.elided++;
    }

    private boolean personalPartMatches(Map<String, Object> line, Map<String, Object> record, String where) {
        Object digest = record.get("personalDigest");
        Object personal = line.get("personal");
        boolean hasDigest = digest instanceof String;
        boolean hasPersonal = personal instanceof Map;
        if (hasDigest && !hasPersonal) {
            report.erasedPersonalParts++;
            return true;
        }
        if (hasPersonal && !hasDigest) {
            report.invalid(where + ": carries a personal part but no personalDigest");
            return false;
        }
        if (hasPersonal && !Digests.sameHash((String) digest, Digests.canonicalHash(personal))) {
            report.invalid(where + ": personal part does not match its digest");
            return false;
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private void epochStart(Chain chain, Map<String, Object> record) {
        if (!ExportFormat.TYPE_EPOCH_START.equals(record.get("type"))) {
            return;
        }
        chain.startsWithEpochRecord = true;
        chain.startTime = record.get("time") instanceof Long time ? time : 0;
        Object previous = record.get("previous");
        if (previous instanceof Map<?, ?> map) {
            Map<String, Object> p = (Map<String, Object>) map;
            chain.predecessor = new Chain.Predecessor(Fields.string(p, "epoch"), Fields.integer(p, "seq"),
                    Fields.string(p, "hash"));
        }
    }

    private void place(Chain chain, Chain.Link link, String where) {
        if (link.seq() < 1) {
            report.invalid(where + ": seq must be at least 1");
            return;
        }
        if (link.seq() <= chain.anchorSeq || chain.unsettled.containsKey(link.seq())) {
            report.invalid(where + ": duplicate of an earlier record with the same seq");
            return;
        }
        if (link.seq() < chain.maxSeqRead) {
            report.invalid(where + ": reordering, appears after seq " + chain.maxSeqRead);
        }
        chain.maxSeqRead = Math.max(chain.maxSeqRead, link.seq());
        chain.unsettled.put(link.seq(), link);
        chain.recordsRead++;
    }

    private void checkpoint(Map<String, Object> json) {
        report.checkpoints++;
        Checkpoint checkpoint = Checkpoint.fromJson(Fields.object(json, "checkpoint"));
        Chain chain = chain(checkpoint.node(), checkpoint.epoch());
        String where = "line " + lineNumber + ": checkpoint through seq " + checkpoint.throughSeq() + " ("
                + chain.label() + ")";
        boolean valid = signatureValid(checkpoint, Fields.string(json, "signature"), where);
        chain.settle(checkpoint.throughSeq(), report);
        if (chain.anchorSeq < checkpoint.throughSeq()) {
            report.invalid(where + ": records seq " + (chain.anchorSeq + 1) + ".." + checkpoint.throughSeq()
                    + " it covers are missing (truncated or deleted)");
            valid = false;
        } else if (!Digests.sameHash(chain.anchorHash, checkpoint.headHash())) {
            report.invalid(where + ": head hash does not match record seq " + checkpoint.throughSeq());
            valid = false;
        }
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

    private boolean signatureValid(Checkpoint checkpoint, String signature, String where) {
        if (!manifestSeen) {
            if (!manifestMissingReported) {
                report.incomplete("line " + lineNumber + ": no key manifest before the first checkpoint; "
                        + "signatures cannot be checked");
                manifestMissingReported = true;
            }
            return false;
        }
        ManifestKey key = manifest.get(checkpoint.keyId());
        if (key == null) {
            report.invalid(where + ": signed with unknown key " + checkpoint.keyId());
            return false;
        }
        if (!pinnedKeyIds.isEmpty() && !pinnedKeyIds.contains(key.keyId())) {
            report.invalid(where + ": signed with key " + key.keyId() + ", which is in the export's manifest but "
                    + "not among the trusted keys");
            return false;
        }
        if (!key.algorithm().equals(checkpoint.algorithm())) {
            report.invalid(where + ": algorithm " + checkpoint.algorithm() + " does not match key "
                    + key.keyId() + " (" + key.algorithm() + ")");
            return false;
        }
        byte[] signatureBytes;
        try {
            signatureBytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            report.invalid(where + ": signature is not base64");
            return false;
        }
        byte[] signed = CanonicalJson.write(checkpoint.toJson()).getBytes(StandardCharsets.UTF_8);
        if (!AuditKeys.verify(key.publicKey(), key.algorithm(), signed, signatureBytes)) {
            report.invalid(where + ": bad signature (key " + key.keyId() + ")");
            return false;
        }
        return true;
    }

    private void end(Map<String, Object> json) {
        endSeen = true;
        long records = Fields.integer(json, "records");
        long checkpoints = Fields.integer(json, "checkpoints");
        if (records != report.records + report.elided || checkpoints != report.checkpoints) {
            report.invalid("line " + lineNumber + ": the end line counts " + records + " records and " + checkpoints
                    + " checkpoints, the export has " + (report.records + report.elided) + " and "
                    + report.checkpoints);
        }
    }

    private Chain chain(String node, String epoch) {
        return chains.computeIfAbsent(Chain.key(Fields.requireId("node", node), Fields.requireId("epoch", epoch)),
                key -> new Chain(node, epoch));
    }

    /** Settles what is left, checks the epoch hand-overs and the file's completeness. */
    public Report finish() {
        if (lineNumber == 0) {
            report.incomplete("the export is empty");
            return report;
        }
        if (!manifestSeen) {
            report.incomplete("the export has no key manifest line");
        }
        for (Chain chain : chains.values()) {
            report.epochs++;
            long checkpointed = chain.checkpointedThrough;
            long before = chain.anchorSeq;
            chain.settle(Long.MAX_VALUE, report);
            if (chain.anchorSeq > Math.max(checkpointed, before)) {
                report.incomplete(chain.label() + ": records seq " + (Math.max(checkpointed, before) + 1) + ".."
                        + chain.anchorSeq + " are not covered by a checkpoint");
            }
        }
        handOvers();
        if (!endSeen) {
            report.incomplete("line " + lineNumber + ": the export ends without its end line (truncated)");
        }
        if (report.pending > 0) {
            report.incomplete(report.pending + " records were captured but not yet chained when exported");
        }
        return report;
    }

    private void handOvers() {
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
            Chain next = successors.get(Chain.key(chain.node, chain.epoch));
            if (next != null) {
                Chain.Predecessor said = next.predecessor;
                if (chain.anchorSeq != said.seq() || !Digests.sameHash(chain.anchorHash, said.hash())) {
                    report.invalid(chain.label() + " ends at seq " + chain.anchorSeq + " in this export, but epoch "
                            + next.epoch + " recorded its end at seq " + said.seq() + " (truncated or altered)");
                }
            } else if (chain.lastCheckpointTime != Long.MIN_VALUE && heartbeatMillis > 0
                    && exportedAt != Long.MAX_VALUE
                    && exportedAt - chain.lastCheckpointTime > STALE_HEARTBEATS * heartbeatMillis) {
                report.incomplete(chain.label() + ": newest checkpoint is "
                        + (exportedAt - chain.lastCheckpointTime) / 1000 + " s older than the export; later records "
                        + "may be missing or the node stopped");
            }
        }
    }

    private String describePredecessor(Chain chain) {
        Chain.Predecessor previous = chain.predecessor;
        if (previous == null) {
            return " (first epoch of the node)";
        }
        boolean present = chains.containsKey(Chain.key(chain.node, previous.epoch()));
        return " (follows epoch " + previous.epoch() + " through seq " + previous.seq()
                + (present ? ")" : ", which is not in this export)");
    }
}
