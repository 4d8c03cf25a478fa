package dev.deepfakeguard.keycloak.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.deepfakeguard.keycloak.audit.chain.ChainHead;

class RetirementVerifyTest {

    private static Report verify(List<String> lines) {
        ExportVerifier verifier = new ExportVerifier(Set.of());
        lines.forEach(verifier::line);
        return verifier.finish();
    }

    @Test
    @DisplayName("Given a departed node's chain closed by a live node's hand-over and its orphans chained after it, "
            + "then the export is valid and says so")
    void acceptsAHandOverThatClosesTheRetiredChain() {
        ExportFixture fixture = new ExportFixture().epoch("e-gone").logins(3).checkpoint();
        ChainHead end = fixture.currentHead();

        List<String> lines = fixture.node("node-b", "e-live").logins(1).handOver(end, 2).logins(2).checkpoint()
                .lines();
        Report report = verify(lines);

        assertThat(report.findings()).allMatch(f -> f.startsWith("NOTE"));
        assertThat(report.findings()).anyMatch(f -> f.contains("node node-a retired: epoch e-gone closed at seq 4"));
        assertThat(report.exitCode()).isZero();
    }

    @Test
    @DisplayName("Given records added to the retired chain after its hand-over, then the export is invalid")
    void refusesRecordsAfterTheClosure() {
        ExportFixture fixture = new ExportFixture().epoch("e-gone").logins(3).checkpoint();
        ChainHead end = fixture.currentHead();
        // The retired chain goes on after the point the hand-over closed it at.
        fixture.logins(2).checkpoint();

        Report report = verify(fixture.node("node-b", "e-live").handOver(end, 0).checkpoint().lines());

        assertThat(report.exitCode()).isEqualTo(Report.INVALID);
        assertThat(report.findings()).anyMatch(f -> f.contains("closed it at seq 4"));
    }

    @Test
    @DisplayName("Given the retired chain deleted from the export, then the export is invalid")
    void refusesAMissingRetiredChain() {
        ExportFixture departed = new ExportFixture().epoch("e-gone").logins(3).checkpoint();
        ChainHead end = departed.currentHead();

        Report report = verify(new ExportFixture().node("node-b", "e-live").handOver(end, 0).checkpoint().lines());

        assertThat(report.exitCode()).isEqualTo(Report.INVALID);
        assertThat(report.findings()).anyMatch(f -> f.contains("is missing from this export"));
    }

    @Test
    @DisplayName("Given the retired chain outside the exported range but its last checkpoint as an anchor, then the "
            + "export is valid")
    void acceptsARetiredChainAnchoredByItsLastCheckpoint() {
        ExportFixture fixture = new ExportFixture().unexportedEpoch("e-gone").unexported(3).anchorOfHead();
        ChainHead end = fixture.currentHead();

        Report report = verify(fixture.node("node-b", "e-live").handOver(end, 0).checkpoint().lines());

        assertThat(report.exitCode()).as(report.findings().toString()).isZero();
        assertThat(report.findings()).noneMatch(f -> f.contains("missing from this export"));
    }
}
