package dev.deepfakeguard.keycloak.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.deepfakeguard.keycloak.audit.chain.AuditSigningKey;
import dev.deepfakeguard.keycloak.audit.format.CanonicalJson;
import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.audit.format.Fields;
import dev.deepfakeguard.keycloak.audit.format.Json;
import dev.deepfakeguard.keycloak.audit.format.RecordHash;

class ExportVerifierTest {

    /** Lines: 0 header, 1 manifest, 2 epoch_start (seq 1), 3..7 logins seq 2..6, 8 checkpoint, 9..11 seq 7..9, 12 checkpoint, 13 end. */
    private static List<String> export() {
        return new ExportFixture().epoch("e1").logins(5).checkpoint().logins(3).checkpoint().lines();
    }

    private static Report verify(List<String> lines) {
        return verify(lines, Set.of());
    }

    private static Report verify(List<String> lines, Set<String> pinned) {
        ExportVerifier verifier = new ExportVerifier(pinned);
        lines.forEach(verifier::line);
        return verifier.finish();
    }

    @Test
    void acceptsAnUntouchedExport() {
        Report report = verify(export());

        assertThat(report.findings()).allMatch(f -> f.startsWith("NOTE"));
        assertThat(report.exitCode()).isZero();
        assertThat(report.validRecords()).isEqualTo(9);
        assertThat(report.validCheckpoints()).isEqualTo(2);
    }

    @Test
    @DisplayName("Given one changed byte in a record, then its hash mismatch is reported at its seq")
    void detectsAFlippedByte() {
        List<String> lines = export();
        lines.set(4, lines.get(4).replace("\"livenessScore\":9600", "\"livenessScore\":9700"));

        Report report = verify(lines);

        assertThat(report.findings()).contains("INVALID: line 5: record seq 3 (node node-a epoch e1): hash does not "
                + "match its content");
        assertThat(report.exitCode()).isEqualTo(Report.INVALID);
    }

    @Test
    void detectsADeletedRecord() {
        List<String> lines = export();
        lines.remove(5);

        Report report = verify(lines);

        assertThat(report.findings()).contains("INVALID: node node-a epoch e1: gap, record seq 4 missing");
        assertThat(report.exitCode()).isEqualTo(Report.INVALID);
    }

    @Test
    void detectsSwappedRecords() {
        List<String> lines = export();
        Collections.swap(lines, 4, 5);

        Report report = verify(lines);

        assertThat(report.findings()).containsExactly("INVALID: line 6: record seq 3 (node node-a epoch e1): "
                + "reordering, appears after seq 4", "NOTE: new epoch e1 on node node-a at 2023-11-14T22:13:20Z "
                + "(first epoch of the node)");
        assertThat(report.exitCode()).isEqualTo(Report.INVALID);
    }

    @Test
    void reportsATruncatedTailAsIncomplete() {
        List<String> lines = export().subList(0, 10);

        Report report = verify(lines);

        assertThat(report.findings()).contains(
                "INCOMPLETE: node node-a epoch e1: records seq 7..7 are not covered by a checkpoint",
                "INCOMPLETE: line 10: the export ends without its end line (truncated)");
        assertThat(report.exitCode()).isEqualTo(Report.INCOMPLETE);
    }

    @Test
    void detectsAChangedCheckpoint() {
        List<String> lines = export();
        lines.set(8, lines.get(8).replace("\"time\":1700000059000", "\"time\":1700000059001"));

        Report report = verify(lines);

        assertThat(report.findings()).anyMatch(f -> f.startsWith("INVALID: line 9: checkpoint through seq 6 (node "
                + "node-a epoch e1): bad signature"));
        assertThat(report.exitCode()).isEqualTo(Report.INVALID);
    }

    @Test
    void detectsACheckpointSignedWithAnUnknownKey() {
        AuditSigningKey stranger = AuditSigningKey.generateEd25519();
        List<String> lines = new ExportFixture().epoch("e1").logins(2).checkpoint(stranger).lines();

        Report report = verify(lines);

        assertThat(report.findings()).contains("INVALID: line 6: checkpoint through seq 3 (node node-a epoch e1): "
                + "signed with unknown key " + stranger.keyId());
        assertThat(report.exitCode()).isEqualTo(Report.INVALID);
    }

    @Test
    void refusesAManifestKeyTheOperatorDidNotPin() {
        Report report = verify(export(), Set.of("k-00000000000000000000000000000000"));

        assertThat(report.findings()).anyMatch(f -> f.contains("not among the trusted keys"));
        assertThat(report.exitCode()).isEqualTo(Report.INVALID);
    }

    @Test
    void toleratesErasedPersonalPartsButNotAlteredOnes() {
        List<String> erased = export();
        erased.set(3, erased.get(3).replaceFirst("\"personal\":\\{[^}]*}", "\"personal\":null"));
        List<String> altered = export();
        altered.set(3, altered.get(3).replace("\"userName\":\"alice\"", "\"userName\":\"mallory\""));

        Report afterErasure = verify(erased);
        Report afterAlteration = verify(altered);

        assertThat(afterErasure.exitCode()).isZero();
        assertThat(afterErasure.erasedPersonalParts()).isEqualTo(1);
        assertThat(afterAlteration.findings()).contains("INVALID: line 4: record seq 2 (node node-a epoch e1): "
                + "personal part does not match its digest");
    }

    @Test
    void saysWhereALineIsNotJson() {
        List<String> lines = export();
        lines.set(6, lines.get(6).substring(0, 40));

        Report report = verify(lines);

        assertThat(report.findings()).anyMatch(f -> f.startsWith("INVALID: line 7: not valid JSON (unterminated "
                + "string at column 41)"));
        assertThat(report.exitCode()).isEqualTo(Report.INVALID);
    }

    @Test
    void reportsAMissingManifestAsIncomplete() {
        List<String> lines = export();
        lines.remove(1);

        Report report = verify(lines);

        assertThat(report.findings()).contains("INCOMPLETE: line 8: no key manifest before the first checkpoint; "
                + "signatures cannot be checked", "INCOMPLETE: the export has no key manifest line");
        assertThat(report.exitCode()).isEqualTo(Report.INCOMPLETE);
    }

    @Test
    @DisplayName("Given a restart, then the new epoch is noted and linked to the end of the previous one")
    void followsANewEpoch() {
        List<String> lines = new ExportFixture().epoch("e1").logins(2).checkpoint().epoch("e2").logins(1)
                .checkpoint().lines();

        Report report = verify(lines);

        assertThat(report.exitCode()).as(String.join("\n", report.findings())).isZero();
        assertThat(report.findings()).contains("NOTE: new epoch e2 on node node-a at 2023-11-14T22:13:20Z (follows "
                + "epoch e1 through seq 3)");
    }

    @Test
    @DisplayName("Given the last batch of a closed epoch removed, then the next epoch's hand-over exposes it")
    void detectsATruncatedEarlierEpoch() {
        List<String> lines = new ExportFixture().epoch("e1").logins(2).checkpoint().logins(2).checkpoint()
                .epoch("e2").logins(1).checkpoint().lines();
        lines.subList(6, 9).clear();

        Report report = verify(lines);

        assertThat(report.findings()).contains("INVALID: node node-a epoch e1 ends at seq 3 in this export, but "
                + "epoch e2 recorded its end at seq 5 (truncated or altered)");
    }

    @Test
    @DisplayName("Given a chain's first records and their checkpoint deleted, then the export is invalid")
    void detectsDeletedFirstRecordsOfAChain() {
        // Lines: 0 header, 1 manifest, 2..4 seq 1..3, 5 checkpoint through 3, 6..7 seq 4..5, 8 checkpoint, 9 end.
        List<String> lines = new ExportFixture().epoch("e1").logins(2).checkpoint().logins(2).checkpoint().lines();
        lines.subList(2, 6).clear();
        fixEnd(lines);

        Report report = verify(lines);

        assertThat(report.findings()).contains("INVALID: node node-a epoch e1 starts at seq 4, but neither its first "
                + "records nor a signed checkpoint through seq 3 are in this export (its earlier records were deleted)");
        assertThat(report.exitCode()).isEqualTo(Report.INVALID);
    }

    @Test
    @DisplayName("Given a whole earlier epoch deleted, then the next epoch's hand-over exposes it")
    void detectsADeletedWholeEpoch() {
        // Lines: 0 header, 1 manifest, 2..4 e1 seq 1..3, 5 checkpoint, 6..7 e2 seq 1..2, 8 checkpoint, 9 end.
        List<String> lines = new ExportFixture().epoch("e1").logins(2).checkpoint().epoch("e2").logins(1)
                .checkpoint().lines();
        lines.subList(2, 6).clear();
        fixEnd(lines);

        Report report = verify(lines);

        assertThat(report.findings()).contains("INVALID: node node-a epoch e2 follows epoch e1 through seq 3, which is "
                + "missing from this export (its records and checkpoints were deleted)");
        assertThat(report.exitCode()).isEqualTo(Report.INVALID);
    }

    @Test
    @DisplayName("Given a record of this realm turned into an elided line, then the export is invalid")
    void detectsARecordOfThisRealmHiddenAsElided() throws Exception {
        List<String> lines = export();
        lines.set(4, elidedLineFor(lines.get(4)));

        Report report = verify(lines);

        assertThat(report.findings()).contains("INVALID: line 5: elided record seq 3 (node node-a epoch e1): of "
                + "format 1 (no realm), but checkpoint through seq 6 covers records of format 2 only (a record hidden "
                + "as an elided line?)");
        assertThat(report.exitCode()).isEqualTo(Report.INVALID);
    }

    @Test
    @DisplayName("Given a record of another realm in this realm's export, then the export is invalid")
    void detectsARecordOfAnotherRealm() {
        Map<String, Object> body = new TreeMap<>();
        body.put("type", "user_event");
        body.put("time", ExportFixture.T0);
        body.put("event", Map.of("type", "LOGIN"));
        List<String> lines = new ExportFixture().epoch("e1").logins(1).record(body, null, "r-other").checkpoint()
                .lines();

        Report report = verify(lines);

        assertThat(report.findings()).containsExactly("INVALID: line 5: record seq 3 (node node-a epoch e1): belongs "
                + "to realm r-other, not to the exported realm r-demo (moved between realms?)", "NOTE: new epoch e1 on "
                + "node node-a at 2023-11-14T22:13:20Z (first epoch of the node)");
        assertThat(report.exitCode()).isEqualTo(Report.INVALID);
    }

    @Test
    @DisplayName("Given records of other realms elided with their content hash and realm tag, then the export is valid")
    void acceptsOtherRealmsRecordsElided() {
        Report report = verify(new ExportFixture().epoch("e1").logins(1).elided("r-other").logins(1).checkpoint()
                .lines());

        assertThat(report.exitCode()).as(String.join("\n", report.findings())).isZero();
        assertThat(report.validRecords()).isEqualTo(3);
    }

    @Test
    @DisplayName("Given an elided line that names this realm or no realm, or claims another realm's tag, then the "
            + "export is invalid")
    void detectsElidedLinesThatHideThisRealmsRecords() {
        List<String> ofThisRealm = new ExportFixture().epoch("e1").elided(ExportFixture.REALM_ID).checkpoint().lines();
        List<String> ofNoRealm = new ExportFixture().epoch("e1").elided(null).checkpoint().lines();
        List<String> relabelled = new ExportFixture().epoch("e1").elided(ExportFixture.REALM_ID).checkpoint().lines();
        relabelled.set(3, relabelled.get(3).replaceFirst("\"realm\":\"[0-9a-f]{64}\"",
                "\"realm\":\"" + RecordHash.realmTagHex("r-other") + "\""));

        assertThat(verify(ofThisRealm).findings()).contains("INVALID: line 4: elided record seq 2 (node node-a epoch "
                + "e1): a record of the exported realm is elided (hidden from this export)");
        assertThat(verify(ofNoRealm).findings()).contains("INVALID: line 4: elided record seq 2 (node node-a epoch "
                + "e1): a record of no realm, which every export must show, is elided");
        assertThat(verify(relabelled).findings()).contains("INVALID: line 4: elided record seq 2 (node node-a epoch "
                + "e1): hash does not match its content and realm (moved between realms?)");
    }

    @Test
    @DisplayName("Given a chain segment that starts after a signed anchor checkpoint, then the export is valid; with "
            + "an anchor of another seq it is not")
    void acceptsASegmentThatStartsAtItsAnchor() {
        List<String> anchored = new ExportFixture().epoch("e1").logins(2).checkpoint().anchorOfHead().logins(2)
                .checkpoint().lines();
        anchored.subList(2, 6).clear(); // the records and the checkpoint before the range
        fixEnd(anchored);
        List<String> wrongAnchor = new ExportFixture().epoch("e1").logins(1).checkpoint().anchorOfHead().logins(3)
                .checkpoint().lines();
        wrongAnchor.subList(2, 5).clear();
        wrongAnchor.remove(3); // the first record after the anchor: the segment now starts one later
        fixEnd(wrongAnchor);

        Report report = verify(anchored);

        assertThat(report.exitCode()).as(String.join("\n", report.findings())).isZero();
        assertThat(report.validRecords()).isEqualTo(2);
        assertThat(verify(wrongAnchor).exitCode()).isEqualTo(Report.INVALID);
    }

    @Test
    @DisplayName("Given an epoch whose predecessor lies before the range, anchored by its last checkpoint, then the "
            + "hand-over is proven")
    void acceptsAPredecessorAnchoredOutsideTheRange() {
        List<String> lines = new ExportFixture().epoch("e1").logins(2).checkpoint().anchorOfHead().epoch("e2")
                .logins(1).checkpoint().lines();
        lines.subList(2, 6).clear();
        fixEnd(lines);

        Report report = verify(lines);

        assertThat(report.exitCode()).as(String.join("\n", report.findings())).isZero();
        assertThat(report.findings()).contains("NOTE: new epoch e2 on node node-a at 2023-11-14T22:13:20Z (follows "
                + "epoch e1 through seq 3, anchored by its last checkpoint before the exported range)");
    }

    @Test
    @DisplayName("Given a hand-over the node took from the database alone, then the verifier says so")
    void notesAHandOverWithoutWitness() {
        Report report = verify(new ExportFixture().epoch("e1").logins(1).checkpoint().epoch("e2", false).logins(1)
                .checkpoint().lines());

        assertThat(report.exitCode()).isZero();
        assertThat(report.findings()).anyMatch(f -> f.startsWith("NOTE: new epoch e2") && f.contains("database alone"));
    }

    @Test
    @DisplayName("Given a format 1 export, then it still verifies, and what it cannot prove is incomplete, not invalid")
    void readsFormatOneExports() {
        List<String> whole = ExportFixture.formatOne().epoch("e1").logins(2).checkpoint().logins(2).checkpoint()
                .lines();
        List<String> ranged = ExportFixture.formatOne().epoch("e1").logins(2).checkpoint().logins(2).checkpoint()
                .lines();
        ranged.subList(2, 6).clear();
        fixEnd(ranged);

        assertThat(verify(whole).exitCode()).as(String.join("\n", verify(whole).findings())).isZero();
        assertThat(verify(whole).validRecords()).isEqualTo(5);
        assertThat(verify(ranged).exitCode()).isEqualTo(Report.INCOMPLETE);
    }

    @Test
    @DisplayName("Given a format 2 export whose header is changed to format 1, then the downgrade is invalid")
    void detectsAFormatDowngrade() {
        List<String> lines = export();
        lines.set(0, lines.get(0).replace(ExportFormat.FORMAT, ExportFormat.FORMAT_1));

        Report report = verify(lines);

        assertThat(report.exitCode()).isEqualTo(Report.INVALID);
        assertThat(report.findings()).anyMatch(f -> f.contains("in an export whose header says "
                + ExportFormat.FORMAT_1));
    }

    @Test
    @DisplayName("Given records of the live epoch not chained yet, then the export is incomplete (2), not invalid")
    void unchainedTailOfTheLiveEpochIsIncomplete() {
        Report report = verify(new ExportFixture().epoch("e1").logins(2).checkpoint().pending().pending().lines());

        assertThat(report.findings()).contains("INCOMPLETE: 2 records were captured but not yet chained when exported");
        assertThat(report.exitCode()).isEqualTo(Report.INCOMPLETE);
    }

    /** Rewrites the end line's counts after lines were removed, as someone covering their tracks would. */
    private static void fixEnd(List<String> lines) {
        long records = lines.stream().filter(l -> l.contains("\"kind\":\"record\"") || l.contains(
                "\"kind\":\"elided\"")).count();
        long checkpoints = lines.stream().filter(l -> l.contains("\"kind\":\"checkpoint\"")).count();
        lines.set(lines.size() - 1, "{\"checkpoints\":" + checkpoints + ",\"kind\":\"end\",\"pending\":0,"
                + "\"records\":" + records + "}");
    }

    /** What an exporter that wrongly elides a record writes: only its chain position and hash. */
    private static String elidedLineFor(String recordLine) throws Exception {
        Map<String, Object> json = Json.parseObject(recordLine);
        Map<String, Object> record = Fields.object(json, "record");
        Map<String, Object> elided = new TreeMap<>();
        elided.put("kind", "elided");
        elided.put("node", record.get("node"));
        elided.put("epoch", record.get("epoch"));
        elided.put("seq", record.get("seq"));
        elided.put("prevHash", record.get("prevHash"));
        elided.put("hash", json.get("hash"));
        return CanonicalJson.write(elided);
    }
}
