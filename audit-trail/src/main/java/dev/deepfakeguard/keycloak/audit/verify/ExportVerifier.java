package dev.deepfakeguard.keycloak.audit.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.audit.format.Fields;
import dev.deepfakeguard.keycloak.audit.format.RecordHash;

/**
 * Checks one export offline, line by line: every record's hash over its RFC 8785 form (and, from format 2 on, its
 * realm: a record must be of the exported realm or of none, an elided one of another), the links between records,
 * gaps and order, every checkpoint's signature against the key manifest (and the operator's pinned keys), the
 * personal parts against their digests, that every chain starts at its genesis or at a signed anchor, the hand-over
 * between boot epochs (a named predecessor must be there or anchored), and that the file is whole.
 *
 * <p>Every problem becomes one {@link Finding} naming the line and the record; nothing in the input can make this
 * class throw. Canonical record lines take the {@link FastRecordPath}; other record lines {@link ParsedRecords};
 * signatures are {@link CheckpointSignatures}'s job and the checks across chains {@link HandOvers}'. What a line
 * needs nothing else for (scanning or parsing, hashing) may run on other threads ({@link ParallelExportReader});
 * everything else runs on one thread, line after line, so the report never depends on the number of threads.
 */
public final class ExportVerifier {

    final Report report = new Report();
    private final Map<String, Chain> chains = new LinkedHashMap<>();
    private final Retirements retirements = new Retirements();
    private final Anchors anchors = new Anchors();
    private final CheckpointSignatures signatures;
    /** Null = parse every line (the reference the fast path is tested against); for the line-by-line API. */
    private final FastRecordPath fastPath;
    /** The chain of the previous record: records come in chain runs. */
    private Chain lastChain;
    final ParsedRecords parsedRecords = new ParsedRecords(this);
    private final CheckedRecords checkedRecords = new CheckedRecords(this);
    private final CheckpointLines checkpointLines;
    /**
     * Format 2 rules (the default): a chain must start at its genesis or at an anchor, a named predecessor epoch must
     * be present or anchored, and nothing of format 2 may appear in an export whose header says format 1.
     */
    private boolean strict = true;
    /** The exported realm's id from the header and its realm tag; null before a format 2 header. */
    private String exportRealmId;
    private String exportRealmTag;
    private boolean headerSeen;
    private boolean endSeen;
    private long exportedAt = Long.MAX_VALUE;
    private long heartbeatMillis;
    private int lineNumber;

    /** @param pinnedKeyIds key ids the operator trusts; empty = trust the export's own manifest */
    public ExportVerifier(Set<String> pinnedKeyIds) {
        this(pinnedKeyIds, true);
    }

    /** @param fastPath false = parse every line (the reference the fast path is tested against) */
    ExportVerifier(Set<String> pinnedKeyIds, boolean fastPath) {
        this.signatures = new CheckpointSignatures(pinnedKeyIds, report);
        this.fastPath = fastPath ? new FastRecordPath() : null;
        this.checkpointLines = new CheckpointLines(this, signatures, anchors);
    }

    public static Report verify(BufferedReader export, Set<String> pinnedKeyIds) throws IOException {
        ExportVerifier verifier = new ExportVerifier(pinnedKeyIds);
        String line;
        while ((line = export.readLine()) != null) {
            verifier.line(line);
        }
        return verifier.finish();
    }

    /** {@link #verify(InputStream, Set, int)} on as many threads as there are processors. */
    public static Report verify(InputStream export, Set<String> pinnedKeyIds) throws IOException {
        return verify(export, pinnedKeyIds, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Reads the export as bytes ({@link ParallelExportReader}): each line is scanned or parsed and hashed on one of
     * {@code threads} threads, then applied in file order, so the report is the same for any number of threads. A
     * line that the fast path does not take is decoded as UTF-8 with U+FFFD for undecodable bytes, as an
     * {@code InputStreamReader} would, so a flipped byte is reported with its line (as a hash mismatch) rather than
     * as an unreadable file.
     *
     * @param threads 1 = everything on the calling thread
     */
    public static Report verify(InputStream export, Set<String> pinnedKeyIds, int threads) throws IOException {
        return verify(export, pinnedKeyIds, threads, true);
    }

    /** @param fastPath false = parse every line (the benchmarks' and tests' reference) */
    static Report verify(InputStream export, Set<String> pinnedKeyIds, int threads, boolean fastPath)
            throws IOException {
        ExportVerifier verifier = new ExportVerifier(pinnedKeyIds, fastPath);
        ParallelExportReader.read(export, verifier, threads, fastPath);
        return verifier.finish();
    }

    /** Lines the fast path checked (for the tests that prove it agrees with the parsing path). */
    long fastLines() {
        return checkedRecords.lines;
    }

    public void line(String text) {
        FastRecordPath.Checked checked = fastPath == null ? null : fastPath.check(text);
        apply(checked != null ? checked : ParsedLine.of(text));
    }

    /** The part of a line's check that depends on the lines before it; lines must come in file order. */
    void apply(PreparedLine line) {
        if (line instanceof FastRecordPath.Checked checked && !endSeen) {
            checkedRecords.place(checked);
        } else if (line instanceof ParsedLine parsed) {
            parse(parsed);
        } else {
            lineNumber++; // a record line after the end line: not blank
            report.invalid("line " + lineNumber + ": content after the end line");
        }
    }

    private void parse(ParsedLine line) {
        lineNumber++;
        if (line.blank()) {
            return;
        }
        if (endSeen) {
            report.invalid("line " + lineNumber + ": content after the end line");
            return;
        }
        Map<String, Object> json = line.json();
        if (json == null) {
            report.invalid("line " + lineNumber + ": not valid JSON (" + line.syntaxError() + ")");
            return;
        }
        Object kind = json.get(ExportFormat.LINE_KIND);
        if (!headerSeen && !ExportFormat.HEADER.equals(kind)) {
            report.incomplete("line " + lineNumber + ": the export does not start with its header line");
            headerSeen = true;
        }
        try {
            dispatch(kind, line);
        } catch (IllegalArgumentException e) {
            report.invalid("line " + lineNumber + ": malformed " + kind + " line: " + e.getMessage());
        }
    }

    /** Counts a record line the fast path took; a record before any header is reported as the parsing path would. */
    int recordLineStarts() {
        lineNumber++;
        if (!headerSeen) {
            report.incomplete("line " + lineNumber + ": the export does not start with its header line");
            headerSeen = true;
        }
        return lineNumber;
    }

    int lineNumber() {
        return lineNumber;
    }

    boolean strict() {
        return strict;
    }

    Retirements retirements() {
        return retirements;
    }

    String exportRealmTag() {
        return exportRealmTag;
    }

    String exportRealmId() {
        return exportRealmId;
    }

    private void dispatch(Object kind, ParsedLine line) {
        Map<String, Object> json = line.json();
        if (!(kind instanceof String name)) {
            throw new IllegalArgumentException("member \"kind\" is missing");
        }
        switch (name) {
            case ExportFormat.HEADER -> header(json);
            case ExportFormat.MANIFEST -> signatures.manifest(json.get("keys"), lineNumber);
            case ExportFormat.RECORD -> parsedRecords.record(json, line.recordHash(), line.personalHash());
            case ExportFormat.ELIDED -> parsedRecords.elided(json);
            case ExportFormat.CHECKPOINT -> checkpointLines.checkpoint(json, lineNumber, strict);
            case ExportFormat.ANCHOR -> checkpointLines.anchor(json, lineNumber, strict);
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
        if (ExportFormat.FORMAT.equals(format)) {
            exportRealmId = Fields.string(json, "realmId");
            exportRealmTag = RecordHash.realmTagHex(exportRealmId);
        } else if (ExportFormat.FORMAT_1.equals(format)) {
            strict = false;
        } else {
            report.incomplete("line " + lineNumber + ": unknown format \"" + format + "\" (this verifier reads "
                    + ExportFormat.FORMAT + " and " + ExportFormat.FORMAT_1 + ")");
        }
        exportedAt = Math.min(Fields.integer(json, "exportedAt"), Fields.integer(json, "to"));
        heartbeatMillis = Fields.integer(json, "heartbeatMillis");
    }


    static String where(String what, long seq, Chain chain, int line) {
        return "line " + line + ": " + what + " seq " + seq + " (" + chain.label() + ")";
    }

    String where(String what, long seq, Chain chain) {
        return where(what, seq, chain, lineNumber);
    }

    /** @param what "record" or "elided record", for the messages (built only when there is something to say) */
    void place(Chain chain, Chain.Link link, String what) {
        if (link.seq() < 1) {
            String where = where(what, link.seq(), chain, link.line());
            report.invalid(where + ": seq must be at least 1");
            return;
        }
        if (link.seq() <= chain.anchorSeq || chain.unsettled.containsKey(link.seq())) {
            report.invalid(where(what, link.seq(), chain, link.line()) + ": duplicate of an earlier record with the same seq");
            return;
        }
        if (link.seq() < chain.maxSeqRead) {
            report.invalid(where(what, link.seq(), chain, link.line()) + ": reordering, appears after seq " + chain.maxSeqRead);
        }
        chain.maxSeqRead = Math.max(chain.maxSeqRead, link.seq());
        chain.unsettled.put(link.seq(), link);
        chain.recordsRead++;
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

    Chain chain(String node, String epoch) {
        if (lastChain != null && lastChain.node.equals(node) && lastChain.epoch.equals(epoch)) {
            return lastChain;
        }
        lastChain = chains.computeIfAbsent(Chain.key(Fields.requireId("node", node), Fields.requireId("epoch", epoch)),
                key -> new Chain(node, epoch));
        return lastChain;
    }

    /** Settles what is left, checks the epoch hand-overs and the file's completeness. */
    public Report finish() {
        if (lineNumber == 0) {
            report.incomplete("the export is empty");
            return report;
        }
        if (!signatures.manifestSeen()) {
            report.incomplete("the export has no key manifest line");
        }
        for (Chain chain : chains.values()) {
            report.epochs++;
            long checkpointed = chain.checkpointedThrough;
            long before = chain.anchorSeq;
            chain.settle(Long.MAX_VALUE, report, anchors.of(chain.node, chain.epoch), strict);
            if (chain.anchorSeq > Math.max(checkpointed, before)) {
                report.incomplete(chain.label() + ": records seq " + (Math.max(checkpointed, before) + 1) + ".."
                        + chain.anchorSeq + " are not covered by a checkpoint");
            }
        }
        new HandOvers(chains, anchors, report).check(retirements, strict, exportedAt, heartbeatMillis);
        retirements.check(chains, (node, closure) -> anchors.endsAt(node, closure.epoch(), closure.seq(),
                closure.hash()), report);
        if (!endSeen) {
            report.incomplete("line " + lineNumber + ": the export ends without its end line (truncated)");
        }
        if (report.pending > 0) {
            report.incomplete(report.pending + " records were captured but not yet chained when exported");
        }
        return report;
    }
}
