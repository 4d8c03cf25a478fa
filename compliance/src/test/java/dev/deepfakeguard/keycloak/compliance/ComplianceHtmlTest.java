package dev.deepfakeguard.keycloak.compliance;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.deepfakeguard.keycloak.compliance.ComplianceReport.Audit;
import dev.deepfakeguard.keycloak.compliance.ComplianceReport.Flag;
import dev.deepfakeguard.keycloak.compliance.ComplianceReport.LivenessStep;
import dev.deepfakeguard.keycloak.compliance.ComplianceReport.LocaleText;

import static org.assertj.core.api.Assertions.assertThat;

class ComplianceHtmlTest {

    @Test
    void escapesEveryValueAnAdminCouldHaveSet() {
        String hostile = "<img src=x onerror=alert(1)>";
        ComplianceReport report = new ComplianceReport(hostile, 0,
                List.of(new LivenessStep("browser > " + hostile, "browser", "REQUIRED", Map.of("dfg.scorer", hostile),
                        hostile, hostile, true, List.of(hostile), List.of())),
                List.of(new LocaleText(hostile, false, true)), true, "none", "not used", true,
                Map.of("deepfake-guard.lockout.alertRole", hostile),
                new Audit("kc-1", "k1", true, null, 3, 0, 0, "signed"),
                List.of(Flag.error("locale_without_disclosure", hostile, "missing " + hostile)));

        String html = ComplianceHtml.render(report);

        assertThat(html).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(html).contains("locale_without_disclosure").contains("(development key)").contains("none yet");
    }

    @Test
    void saysSoWhenNothingIsWrong() {
        ComplianceReport report = new ComplianceReport("acme", 0, List.of(), List.of(), true, "none", "not used",
                true, Map.of(), null, List.of());

        assertThat(ComplianceHtml.render(report)).contains("No misconfiguration found.").contains("Not installed.");
    }
}
