package dev.deepfakeguard.keycloak.it.browser;

import static dev.deepfakeguard.keycloak.it.support.Events.since;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import com.fasterxml.jackson.databind.JsonNode;

import dev.deepfakeguard.keycloak.contract.UserFlags;
import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.ExampleRealm;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.MailBox;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.OtpDevice;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;

/**
 * The reset and admin-console flows of the example realms in Debian's Chromium: the real liveness page captures
 * the fake camera and posts to Keycloak, which asks the http scorer stand-in; the person types the one-time code.
 */
@ExtendWith({KeycloakExtension.class, BrowserExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserStepUpIT {

    /** Between the reset policy's step-up (7000) and allow (8500) thresholds: the reset asks for the code. */
    private static final int RESET_GREY_BAND_SCORE = 8000;
    /** At or above the admin policy's allow threshold (8500). */
    private static final int ALLOW_SCORE = 9000;
    private static final Duration CONSOLE_TIMEOUT = Duration.ofSeconds(90);

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();
    private final MailBox mail = new MailBox();
    private final OtpDevice carolsPhone = new OtpDevice("deepfake-guard-demo-carol");
    private final OtpDevice annsPhone = new OtpDevice("deepfake-guard-demo-ann");
    private ManagedRealm demoRealm;
    private ManagedRealm adminRealm;

    BrowserStepUpIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void importExampleRealms() {
        demoRealm = admin.createRealm(ExampleRealm.load(ExampleRealm.DEMO, "dfg-browser-reset")
                .httpScorer(ExampleRealm.LIVENESS_LOGIN, scorer.url())
                .httpScorer(ExampleRealm.LIVENESS_RESET, scorer.url())
                .smtp(MailBox.HOST, mail.port())
                .build());
        adminRealm = admin.createRealm(ExampleRealm.load(ExampleRealm.ADMIN, "dfg-browser-admin")
                .httpScorer(ExampleRealm.LIVENESS_ADMIN, scorer.url())
                .httpScorer(ExampleRealm.LIVENESS_LOGIN, scorer.url())
                .build());
    }

    @AfterAll
    void cleanUp() {
        demoRealm.close();
        adminRealm.close();
        scorer.close();
        mail.close();
    }

    @Test
    @DisplayName("Given carol forgot her password, when she follows the e-mail link, passes the camera check in the "
            + "grey band and types her code, then she sets a new password and lands in the account console")
    void passwordResetInBrowser(Browser browser) {
        scorer.scores(RESET_GREY_BAND_SCORE, 200);
        WebDriver driver = browser.driver();
        driver.get(server.realmUrl(demoRealm.name()) + "/account/");
        new BrowserLoginPage(driver);
        int scorerCalls = scorer.requestCount();
        long mark = System.currentTimeMillis();

        BrowserResetPages reset = new BrowserResetPages(driver);
        reset.openForgotPassword();
        Accessibility.assertNoSeriousViolations(driver, "forgot-password form");
        reset.requestLink("carol");
        Accessibility.assertNoSeriousViolations(driver, "login page saying the reset e-mail is on its way");
        driver.get(mail.awaitActionLink("carol@demo.deepfake-guard.dev"));
        BrowserLivenessPage liveness = BrowserLivenessPage.await(driver);
        Accessibility.assertNoSeriousViolations(driver, "liveness page of the password reset");
        liveness.consentAndCapture();
        BrowserOtpPage otp = BrowserOtpPage.await(driver);
        Accessibility.assertNoSeriousViolations(driver, "one-time-code form of the password reset");
        otp.type(carolsPhone.nextCode());
        reset.awaitNewPasswordForm();
        Accessibility.assertNoSeriousViolations(driver, "new-password form");
        reset.setNewPassword("carol-Browser-2nd!");

        BrowserWait.awaitArrivalAt(driver, CONSOLE_TIMEOUT, "/realms/" + demoRealm.name() + "/account");
        assertThat(scorer.requestCount()).as("frames scored by the stand-in").isGreaterThan(scorerCalls);
        JsonNode carol = admin.userByUsername(demoRealm.name(), "carol").orElseThrow();
        assertThat(carol.path("attributes").path(UserFlags.PASSWORD_RESET_AT).path(0).asLong() * 1000)
                .isGreaterThanOrEqualTo(mark - 1000);
    }

    @Test
    @DisplayName("Given ann is a realm admin, when she opens the admin console, passes the camera check and types "
            + "her code, then the admin console loads")
    void adminConsoleInBrowser(Browser browser) {
        scorer.scores(ALLOW_SCORE, 200);
        WebDriver driver = browser.driver();
        long mark = System.currentTimeMillis();

        driver.get(server.baseUrl() + "/admin/" + adminRealm.name() + "/console/");
        new BrowserLoginPage(driver).logIn("ann", "ann").consentAndCapture();
        BrowserOtpPage.await(driver).type(annsPhone.nextCode());

        BrowserWait.awaitArrivalAt(driver, CONSOLE_TIMEOUT, "/admin/" + adminRealm.name() + "/console");
        BrowserWait.until(driver, CONSOLE_TIMEOUT, "the admin console's navigation", d -> !d.findElements(
                By.cssSelector("[data-testid=realmSelector], .pf-v5-c-page__sidebar, .pf-v5-c-nav")).isEmpty());
        JsonNode login = adminRealm.awaitEvent("LOGIN", since(mark));
        assertThat(login.path("clientId").asText()).isEqualTo("security-admin-console");
    }
}
