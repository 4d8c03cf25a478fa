package dev.deepfakeguard.keycloak.it.browser;

import static dev.deepfakeguard.keycloak.it.support.Events.since;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.events.EventType;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import com.fasterxml.jackson.databind.JsonNode;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.EventDetails;
import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.Messages;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.Events;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessConfigKeys;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.ThemeText;
import dev.deepfakeguard.keycloak.scoring.http.HttpScorerConfig;

/** The real page in Debian's Chromium with its fake camera: the script plays, captures and submits by itself. */
@ExtendWith({KeycloakExtension.class, BrowserExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserLivenessIT {

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();
    private ManagedRealm embeddedRealm;
    private ManagedRealm httpRealm;

    BrowserLivenessIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void createRealms() {
        embeddedRealm = admin.createRealm(RealmBuilder.named("dfg-browser-embedded")
                .liveness(LivenessConfigKeys.SCORER, LivenessConfigKeys.SCORER_EMBEDDED).build());
        httpRealm = admin.createRealm(RealmBuilder.named("dfg-browser-http")
                .liveness(LivenessConfigKeys.SCORER, LivenessConfigKeys.SCORER_HTTP)
                .liveness(HttpScorerConfig.URL, scorer.url()).build());
    }

    @AfterAll
    void cleanUp() {
        embeddedRealm.close();
        httpRealm.close();
        scorer.close();
    }

    @Test
    @DisplayName("Given Chromium's fake camera and the embedded scorer, then the check is denied and the page says so")
    void fakeCameraIsDenied(Browser browser) {
        WebDriver driver = browser.driver();
        driver.get(server.realmUrl(embeddedRealm.name()) + "/account/");
        BrowserLivenessPage liveness = new BrowserLoginPage(driver).logIn(RealmBuilder.USERNAME, RealmBuilder.PASSWORD);
        Accessibility.assertNoSeriousViolations(driver, "liveness page with disclosure and consent");
        long mark = System.currentTimeMillis();

        liveness.consentAndCapture();

        BrowserLivenessPage retry = BrowserLivenessPage.await(driver);
        assertThat(retry.challengeId()).isNotEqualTo(liveness.challengeId());
        assertThat(retry.message()).isEqualTo(ThemeText.english(Messages.LIVENESS_FAILED));
        Accessibility.assertNoSeriousViolations(driver, "liveness page after a failed check");
        JsonNode error = embeddedRealm.awaitEvent(EventType.LOGIN_ERROR.name(), since(mark));
        assertThat(error.path("error").asText()).isIn(EventErrors.LIVENESS_FAILED, EventErrors.DEEPFAKE_SUSPECTED);
        assertThat(Events.detail(error, EventDetails.DECISION)).isEqualTo(Decision.DENY.value());
        // Chromium's test pattern is no face: the face model says so, whatever the device label.
        assertThat(Events.reasons(error)).contains(ReasonCodes.NO_FACE);
    }

    @Test
    @DisplayName("Given a scorer that answers live, then the person lands in the account console")
    void liveAnswerReachesAccountConsole(Browser browser) {
        scorer.live();
        WebDriver driver = browser.driver();
        driver.get(server.realmUrl(httpRealm.name()) + "/account/");
        BrowserLoginPage login = new BrowserLoginPage(driver);
        Accessibility.assertNoSeriousViolations(driver, "login page");
        BrowserLivenessPage liveness = login.logIn(RealmBuilder.USERNAME, RealmBuilder.PASSWORD);

        liveness.consentAndCapture();

        BrowserWait.awaitArrivalAt(driver, BrowserWait.PAGE, "/realms/" + httpRealm.name() + "/account");
        assertThat(driver.getCurrentUrl()).contains("/realms/" + httpRealm.name() + "/account");
        assertThat(driver.findElements(By.id("dfg-root"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector(".kc-feedback-text"))).isEmpty();
        assertThat(scorer.requestCount()).isPositive();
    }
}
