package dev.deepfakeguard.keycloak.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.ExampleRealm;
import dev.deepfakeguard.keycloak.it.support.HelpdeskApi;
import dev.deepfakeguard.keycloak.it.support.HelpdeskStories;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.MailBox;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;

/**
 * The agent page and the caller's pages in a real browser: the agent signs in with PKCE, finds the user, starts the
 * verification and watches the status; the caller opens the e-mail link, takes the check with the camera and sees
 * the code; the agent types it in. Every page passes axe-core, in English and German.
 */
@ExtendWith({KeycloakExtension.class, BrowserExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserHelpdeskIT {

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();
    private final MailBox mail = new MailBox();
    private ManagedRealm realm;

    BrowserHelpdeskIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void importDemoRealm() {
        realm = admin.createRealm(ExampleRealm.load(ExampleRealm.DEMO, "dfg-helpdesk-browser")
                .httpScorer(HelpdeskStories.LIVENESS_HELPDESK, scorer.url())
                .smtp(MailBox.HOST, mail.port())
                .addUser("dora", HelpdeskStories.PASSWORD)
                .build());
        scorer.live();
        // The agent's own sign-in is not under test here: a plain password flow instead of the demo's liveness.
        String browserFlow = flowId("browser");
        JsonNode client = admin.call("GET", "/admin/realms/" + realm.name() + "/clients?clientId="
                + HelpdeskApi.CLIENT, null, 200).get(0);
        ((ObjectNode) client).withObject("/authenticationFlowBindingOverrides").put("browser", browserFlow);
        admin.call("PUT", "/admin/realms/" + realm.name() + "/clients/" + client.path("id").asText(), client, 204);
    }

    @AfterAll
    void cleanUp() {
        realm.close();
        scorer.close();
        mail.close();
    }

    @Test
    @DisplayName("Given helen signs in on the agent page, when she verifies dora end to end, then every page passes "
            + "axe-core, the caller's code reaches the agent only by typing, and the page never shows a link")
    void agentAndCallerInTheBrowser(Browser agentBrowser) {
        WebDriver agent = agentBrowser.driver();
        agent.get(server.realmUrl(realm.name()) + "/deepfake-guard-helpdesk/?lang=en");
        BrowserWait.until(agent, BrowserWait.PAGE, "the agent page", d -> d.findElement(By.id("sign-in"))
                .isDisplayed());
        Accessibility.assertNoSeriousViolations(agent, "helpdesk agent page signed out");
        BrowserWait.click(agent, By.id("sign-in"));
        new BrowserLoginPage(agent).submit("helen", "helen");
        BrowserWait.until(agent, BrowserWait.PAGE, "the search form", d -> d.findElement(By.id("search"))
                .isDisplayed());

        BrowserWait.type(agent, By.id("search"), "dora");
        agent.findElement(By.id("search")).submit();
        BrowserWait.click(agent, By.cssSelector("#results button"));
        BrowserWait.type(agent, By.id("ticket"), "INC-9009");
        agent.findElement(By.id("ticket")).submit();
        BrowserWait.until(agent, BrowserWait.PAGE, "the request status", d -> d.findElement(By.id("status"))
                .getText().contains("Link sent"));
        Accessibility.assertNoSeriousViolations(agent, "helpdesk agent page with a request");
        BrowserWait.click(agent, By.id("lang-de"));
        BrowserWait.until(agent, BrowserWait.PAGE, "the status in German", d -> d.findElement(By.id("status"))
                .getText().contains("Link gesendet"));
        assertThat(agent.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
        Accessibility.assertNoSeriousViolations(agent, "helpdesk agent page in German");

        String link = mail.awaitActionLink(HelpdeskStories.email("dora"), HelpdeskStories.VERIFY_LINK);
        String code;
        try (Browser callerBrowser = Browser.start()) {
            WebDriver caller = callerBrowser.driver();
            caller.get(link);
            BrowserWait.until(caller, BrowserWait.PAGE, "the caller's first page",
                    d -> d.findElement(By.id("dfg-helpdesk-continue")).isDisplayed());
            Accessibility.assertNoSeriousViolations(caller, "helpdesk caller page");
            BrowserWait.click(caller, By.id("dfg-helpdesk-continue"));
            BrowserLivenessPage.await(caller).consentAndCapture();
            code = BrowserWait.until(caller, BrowserWait.PAGE, "the code", d -> d.findElement(
                    By.id("dfg-helpdesk-code")).getText()).replaceAll("\\D", "");
            Accessibility.assertNoSeriousViolations(caller, "helpdesk code page");
        }

        BrowserWait.until(agent, BrowserWait.PAGE, "the code field", d -> d.findElement(By.id("code"))
                .isDisplayed());
        BrowserWait.type(agent, By.id("code"), code);
        agent.findElement(By.id("code")).submit();
        BrowserWait.click(agent, By.id("reset"));
        BrowserWait.until(agent, BrowserWait.PAGE, "the reset to be issued", d -> d.findElement(By.id("status"))
                .getText().contains("Zurücksetzung"));
        assertThat(agent.getPageSource()).doesNotContain("action-token").doesNotContain(code);
        mail.awaitActionLink(HelpdeskStories.email("dora"), HelpdeskStories.RESET_LINK);
    }

    private String flowId(String alias) {
        for (JsonNode flow : admin.call("GET", "/admin/realms/" + realm.name() + "/authentication/flows", null,
                200)) {
            if (alias.equals(flow.path("alias").asText())) {
                return flow.path("id").asText();
            }
        }
        throw new IllegalStateException("no flow " + alias);
    }
}
