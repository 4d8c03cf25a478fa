package dev.deepfakeguard.keycloak.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.deepfakeguard.keycloak.audit.chain.AuditSigningKey;

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
}
