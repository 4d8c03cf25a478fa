package dev.deepfakeguard.keycloak.it.support;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import org.jsoup.nodes.Element;

import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/** The caller's first page after opening the helpdesk link: who asked and why, continue or report. */
public final class HelpdeskCallerPage {

    private final LoginDriver driver;
    private final Page page;

    private HelpdeskCallerPage(LoginDriver driver, Page page) {
        this.driver = driver;
        this.page = page;
    }

    /** @throws AssertionError when {@code step} is not the caller's first page */
    public static HelpdeskCallerPage expect(NextStep step) {
        if (!isShown(step.page())) {
            throw new AssertionError("expected the helpdesk caller page, got " + step.page().describe());
        }
        return new HelpdeskCallerPage(step.driver(), step.page());
    }

    public static boolean isShown(Page page) {
        return page.status() == 200 && page.document().selectFirst("form#dfg-helpdesk-form") != null;
    }

    public Page page() {
        return page;
    }

    public String who() {
        return page.document().selectFirst("#dfg-helpdesk-who").text();
    }

    public NextStep startCheck() {
        return decide("continue");
    }

    public NextStep notAskedForThis() {
        return decide("report");
    }

    /** The code on the page after the liveness check, digits only; empty when the page shows none. */
    public static Optional<String> code(Page page) {
        Element code = page.status() == 200 ? page.document().selectFirst("#dfg-helpdesk-code") : null;
        return code == null ? Optional.empty() : Optional.of(code.text().replaceAll("\\D", ""));
    }

    /** The caller's whole side: opens the link in a fresh browser, passes the check, returns the code shown. */
    public static String passAndReadCode(KeycloakServer server, String realm, String link) {
        LivenessPage liveness = expect(RelyingParty.demoApp(server, realm).open(link)).startCheck().asLiveness();
        Page shown = passLiveness(liveness).page();
        return code(shown).orElseThrow(() -> new AssertionError("expected the code page, got " + shown.describe()));
    }

    /** Answers the challenge with synthetic frames that follow it, as the existing liveness stories do. */
    public static NextStep passLiveness(LivenessPage liveness) {
        return liveness.submit(Submission.of(liveness, SyntheticFrames.following(liveness.challenge(), 3201)));
    }

    private NextStep decide(String decision) {
        Element form = page.document().selectFirst("form#dfg-helpdesk-form");
        return new NextStep(driver, driver.post(URI.create(form.absUrl("action")), Map.of("decision", decision)));
    }
}
