package dev.deepfakeguard.keycloak.it.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openqa.selenium.WebDriver;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.deepfakeguard.keycloak.it.support.ItSettings;

/**
 * axe-core (the copy inside the axe-core Selenium JAR; nothing is downloaded) run in the page the browser shows:
 * every rule axe enables by default, and a story fails on any violation of impact serious or critical. Moderate and
 * minor findings are in the report but do not fail.
 */
final class Accessibility {

    private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");
    /** axe on a login page takes well under a second; a loaded 2-core machine gets room. */
    private static final int TIMEOUT_SECONDS = 120;
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Accessibility() {
    }

    /**
     * Runs axe on the current page. On a serious or critical violation, writes axe's full result to
     * {@code target/it-artifacts/axe-<page>.json} and fails naming each violation's rule, impact and targets.
     *
     * @param pageName what the page is in the story, e.g. "liveness page after a failure"; names the report file
     */
    static void assertNoSeriousViolations(WebDriver driver, String pageName) {
        // Legacy mode runs axe.run inside the page itself: no extra tab opens, so nothing of Keycloak's own
        // tab-visibility checks can reload the page under the analysis. The pages have no frames to reach into.
        Results results = new AxeBuilder().setLegacyMode(true).setTimeout(TIMEOUT_SECONDS).analyze(driver);
        if (results.isErrored()) {
            throw new AssertionError("axe could not analyse " + pageName + " at " + driver.getCurrentUrl() + ": "
                    + results.getErrorMessage(), results.getError());
        }
        List<Rule> failing = results.getViolations().stream()
                .filter(rule -> FAILING_IMPACTS.contains(rule.getImpact()))
                .toList();
        if (failing.isEmpty()) {
            return;
        }
        Path report = writeReport(pageName, driver.getCurrentUrl(), results);
        StringBuilder message = new StringBuilder()
                .append(failing.size()).append(" serious or critical accessibility violation(s) on ")
                .append(pageName).append(" (").append(results.getUrl()).append("); full axe report: ")
                .append(report.toAbsolutePath());
        for (Rule rule : failing) {
            message.append("\n- ").append(rule.getId()).append(" [").append(rule.getImpact()).append("] ")
                    .append(rule.getHelp()).append(" (").append(rule.getHelpUrl()).append(')');
            for (CheckedNode node : rule.getNodes()) {
                message.append("\n    target ").append(node.getTarget()).append(": ")
                        .append(node.getFailureSummary().replace('\n', ' '));
            }
        }
        throw new AssertionError(message.toString());
    }

    private static Path writeReport(String pageName, String url, Results results) {
        Path file = ItSettings.artifactsDir().resolve("axe-" + pageName.replaceAll("[^A-Za-z0-9._-]+", "-") + ".json");
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("page", pageName);
        report.put("url", url);
        report.put("axe", results);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(report), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the axe report to " + file, e);
        }
    }
}
