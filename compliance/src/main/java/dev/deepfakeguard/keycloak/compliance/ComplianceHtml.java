package dev.deepfakeguard.keycloak.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.deepfakeguard.keycloak.compliance.ComplianceReport.Flag;
import dev.deepfakeguard.keycloak.compliance.ComplianceReport.LivenessStep;
import dev.deepfakeguard.keycloak.compliance.ComplianceReport.LocaleText;

/** The report as one self-contained HTML page; every value from the realm is escaped. */
final class ComplianceHtml {

    private ComplianceHtml() {
    }

    static String render(ComplianceReport report) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Deepfake Guard compliance "
                + "report – ").append(esc(report.realm())).append("</title><style>body{font-family:sans-serif;"
                + "margin:2em;max-width:70em}table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid"
                + " #999;padding:.3em .6em;text-align:left;vertical-align:top}.error{color:#a00}.warning{color:#850}"
                + "</style></head><body>");
        html.append("<h1>Deepfake Guard compliance report: ").append(esc(report.realm())).append("</h1><p>Generated ")
                .append(Instant.ofEpochMilli(report.generatedAt())).append("</p>");
        html.append("<h2>Findings</h2>");
        if (report.flags().isEmpty()) {
            html.append("<p>No misconfiguration found.</p>");
        } else {
            html.append("<table><tr><th>severity</th><th>finding</th><th>where</th><th>what it means</th></tr>");
            for (Flag flag : report.flags()) {
                html.append("<tr class=\"").append(esc(flag.severity())).append("\"><td>").append(esc(flag.severity()))
                        .append("</td><td>").append(esc(flag.code())).append("</td><td>").append(esc(flag.subject()))
                        .append("</td><td>").append(esc(flag.message())).append("</td></tr>");
            }
            html.append("</table>");
        }
        html.append("<h2>Liveness steps</h2><table><tr><th>flow</th><th>bound as</th><th>requirement</th>"
                + "<th>settings</th><th>scorer</th><th>model version</th><th>a STEP_UP leads to</th>"
                + "<th>a fallback STEP_UP leads to</th></tr>");
        for (LivenessStep step : report.livenessSteps()) {
            html.append("<tr><td>").append(esc(step.flow())).append("</td><td>").append(esc(step.boundAs()))
                    .append("</td><td>").append(esc(step.requirement())).append("</td><td>")
                    .append(settings(step.settings())).append("</td><td>").append(esc(step.scorer()))
                    .append("</td><td>").append(step.modelVersion() == null ? "no recent decision"
                            : esc(step.modelVersion())).append("</td><td>").append(route(step.stepUpLeadsTo()))
                    .append("</td><td>").append(route(step.fallbackLeadsTo())).append("</td></tr>");
        }
        html.append("</table><h2>Disclosure and consent texts</h2><p>Liveness page in the login theme: ")
                .append(report.themeHasLivenessPage() ? "yes" : "no").append("</p><table><tr><th>locale</th>"
                        + "<th>disclosure</th><th>consent label</th></tr>");
        for (LocaleText text : report.locales()) {
            html.append("<tr><td>").append(esc(text.locale())).append("</td><td>").append(text.disclosure() ? "yes"
                    : "missing").append("</td><td>").append(text.consent() ? "yes" : "missing").append("</td></tr>");
        }
        html.append("</table><h2>Data</h2><table><tr><th>camera frames kept</th><td>")
                .append(esc(report.mediaRetention())).append("</td></tr><tr><th>face references</th><td>")
                .append(esc(report.faceReferences())).append("</td></tr></table>");
        html.append("<h2>Lockout</h2><p>Listener enabled: ").append(report.lockoutListenerEnabled() ? "yes" : "no")
                .append("</p>").append(settingsTable(report.lockout()));
        html.append("<h2>Audit trail</h2>");
        if (report.audit() == null) {
            html.append("<p>Not installed.</p>");
        } else {
            ComplianceReport.Audit audit = report.audit();
            html.append("<table><tr><th>node</th><td>").append(esc(audit.node())).append("</td></tr><tr><th>key id"
                    + "</th><td>").append(esc(audit.keyId())).append(audit.developmentKey() ? " (development key)" : "")
                    .append("</td></tr><tr><th>last checkpoint</th><td>").append(audit.lastCheckpointAt() == null
                            ? "none yet" : Instant.ofEpochMilli(audit.lastCheckpointAt()).toString())
                    .append("</td></tr><tr><th>unsigned tail</th><td>").append(audit.unsignedTailSeconds())
                    .append(" s</td></tr><tr><th>status</th><td>").append(esc(audit.status()))
                    .append("</td></tr></table>");
        }
        return html.append("</body></html>").toString();
    }

    private static String route(List<String> factors) {
        return factors.isEmpty() ? "nowhere: denied" : esc(String.join(", then ", factors));
    }

    private static String settings(Map<String, String> settings) {
        if (settings.isEmpty()) {
            return "defaults";
        }
        StringBuilder out = new StringBuilder();
        settings.forEach((key, value) -> out.append(esc(key)).append(" = ").append(esc(value)).append("<br>"));
        return out.toString();
    }

    private static String settingsTable(Map<String, String> settings) {
        StringBuilder out = new StringBuilder("<table>");
        settings.forEach((key, value) -> out.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value))
                .append("</td></tr>"));
        return out.append("</table>").toString();
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
