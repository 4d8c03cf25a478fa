package dev.deepfakeguard.keycloak.audit.verify;

import dev.deepfakeguard.keycloak.audit.format.RecordHash;

/**
 * The record lines the {@link FastRecordPath} checked on a worker thread, applied in file order: their findings, in
 * the order and with the words of the parsing path ({@link ParsedRecords}), then their place in the chain.
 */
final class CheckedRecords {

    private final ExportVerifier verifier;
    private final Report report;
    /** Lines applied here (for the tests that prove the fast path agrees with the parsing path). */
    long lines;

    CheckedRecords(ExportVerifier verifier) {
        this.verifier = verifier;
        this.report = verifier.report;
    }

    /** A record line the fast path checked: its findings in the parsing path's order, then its place. */
    void place(FastRecordPath.Checked line) {
        Chain chain = verifier.chain(line.node(), line.epoch());
        int number = verifier.recordLineStarts();
        long seq = line.seq();
        String where = ExportVerifier.where("record", seq, chain, number);
        boolean sound = true;
        if (!line.hashMatches()) {
            report.invalid(where + ": hash does not match its content");
            sound = false;
        }
        if (line.version() >= RecordHash.VERSION_REALM_BOUND
                && !verifier.parsedRecords.realmMatches(line.version(), line.realm(), chain, seq)) {
            sound = false;
        }
        switch (line.personal()) {
            case ERASED -> report.erasedPersonalParts++;
            case NO_DIGEST -> {
                report.invalid(where + ": carries a personal part but no personalDigest");
                sound = false;
            }
            case MISMATCH -> {
                report.invalid(where + ": personal part does not match its digest");
                sound = false;
            }
            default -> { }
        }
        verifier.place(chain, new Chain.Link(seq, line.hash(), line.prevHash(), sound, number, line.version(), false),
                "record");
        report.records++;
        lines++;
    }
}
