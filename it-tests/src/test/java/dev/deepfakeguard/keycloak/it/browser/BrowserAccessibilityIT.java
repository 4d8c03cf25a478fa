package dev.deepfakeguard.keycloak.it.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.deepfakeguard.keycloak.contract.Messages;
import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.ExampleRealm;
import dev.deepfakeguard.keycloak.it.support.ItSettings;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessConfigKeys;
import dev.deepfakeguard.keycloak.it.support.LockoutRealm;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.ThemeText;
import dev.deepfakeguard.keycloak.scoring.http.HttpScorerConfig;

/**
 * axe-core on the pages the other browser stories do not reach: the liveness page's own error states, the
 * alternative path's step-up guidance, and the error pages for used-up attempts and for a lock. The first story
 * shows that the check fails where it should, on Keycloak's own theme.
 */
@ExtendWith({KeycloakExtension.class, BrowserExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserAccessibilityIT {

    /** Below every policy's step-up threshold: the check is denied. */
    private static final int LOW_SCORE = 1000;

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();
    private ManagedRealm stockThemeRealm;
    private ManagedRealm ourThemeRealm;
    private ManagedRealm demoRealm;
    private ManagedRealm oneAttemptRealm;
    private ManagedRealm lockoutRealm;

    BrowserAccessibilityIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void createRealms() {
        scorer.scores(LOW_SCORE, 200);
        stockThemeRealm = admin.createRealm(usernameThenPassword("dfg-a11y-stock", "keycloak.v2"));
        ourThemeRealm = admin.createRealm(usernameThenPassword("dfg-a11y-ours", "deepfake-guard"));
        demoRealm = admin.createRealm(ExampleRealm.load(ExampleRealm.DEMO, "dfg-a11y-demo")
                .httpScorer(ExampleRealm.LIVENESS_LOGIN, scorer.url()).build());
        oneAttemptRealm = admin.createRealm(RealmBuilder.named("dfg-a11y-attempts")
                .liveness(LivenessConfigKeys.SCORER, LivenessConfigKeys.SCORER_HTTP)
                .liveness(HttpScorerConfig.URL, scorer.url())
                .liveness(LivenessConfigKeys.MAX_ATTEMPTS, 1)
                .build());
        lockoutRealm = admin.createRealm(LockoutRealm.build("dfg-a11y-lock", scorer.url(),
                Map.of("maxFailures", 1, "sourceMaxFailures", 0)));
    }

    @AfterAll
    void cleanUp() {
        for (ManagedRealm realm : new ManagedRealm[] {stockThemeRealm, ourThemeRealm, demoRealm, oneAttemptRealm,
                lockoutRealm}) {
            if (realm != null) {
                realm.close();
            }
        }
        scorer.close();
    }

    @Test
    @DisplayName("Given Keycloak's own keycloak.v2 theme shows the attempted username, then the check fails naming "
            + "the unlabelled input and writes its report; given our theme, the same page passes")
    void checkFailsOnTheUnlabelledUsernameOfTheStockTheme(Browser browser) {
        WebDriver driver = browser.driver();
        openPasswordPage(driver, stockThemeRealm);

        assertThatThrownBy(() -> Accessibility.assertNoSeriousViolations(driver, "keycloak.v2 password page"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("label [critical]")
                .hasMessageContaining("target [#kc-attempted-username]");
        assertThat(ItSettings.artifactsDir().resolve("axe-keycloak.v2-password-page.json"))
                .content(StandardCharsets.UTF_8).contains("\"id\" : \"label\"", "#kc-attempted-username");

        openPasswordPage(driver, ourThemeRealm);
        assertThat(driver.findElements(By.id("kc-attempted-username"))).hasSize(1);
        Accessibility.assertNoSeriousViolations(driver, "password page with the attempted username");
    }

    @Test
    @DisplayName("Given the person starts without consent, then the liveness page's error state passes the check")
    void consentRequiredState(Browser browser) {
        WebDriver driver = browser.driver();
        openLiveness(driver, demoRealm, "alice", "alice");

        BrowserWait.click(driver, By.id("dfg-start"));

        awaitError(driver, Messages.CONSENT_REQUIRED);
        Accessibility.assertNoSeriousViolations(driver, "liveness page asking for consent");
    }

    @Test
    @DisplayName("Given the camera is refused, then the page pointing to the other way passes the check; given the "
            + "person takes that way without a second factor, then the step-up guidance passes it too")
    void noCameraPathAndStepUpGuidance(Browser browser) {
        WebDriver driver = browser.driver();
        openLiveness(driver, demoRealm, "alice", "alice");
        // As a person who answered "Block" to the camera prompt: the browser refuses getUserMedia.
        ((JavascriptExecutor) driver).executeScript("navigator.mediaDevices.getUserMedia = () => "
                + "Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));");
        BrowserWait.tick(driver, By.id("dfg-consent"));
        BrowserWait.click(driver, By.id("dfg-start"));
        awaitError(driver, "dfgCameraDenied");
        Accessibility.assertNoSeriousViolations(driver, "liveness page after the camera was refused");

        BrowserWait.click(driver, By.id("dfg-no-camera"));

        assertThat(awaitMessage(driver)).isEqualTo(ThemeText.english(Messages.SECOND_FACTOR_MISSING));
        Accessibility.assertNoSeriousViolations(driver, "step-up guidance when no second factor is set up");
    }

    @Test
    @DisplayName("Given the only attempt is denied, then the attempts-exhausted page passes the check")
    void attemptsExhaustedPage(Browser browser) {
        WebDriver driver = browser.driver();
        openLiveness(driver, oneAttemptRealm, RealmBuilder.USERNAME, RealmBuilder.PASSWORD).consentAndCapture();

        assertThat(awaitMessage(driver)).isEqualTo(ThemeText.english(Messages.ATTEMPTS_EXHAUSTED));
        Accessibility.assertNoSeriousViolations(driver, "attempts-exhausted page");
    }

    @Test
    @DisplayName("Given a failure locked the account, then the page of the next sign-in passes the check")
    void lockedPage(Browser browser) {
        WebDriver driver = browser.driver();
        openLiveness(driver, lockoutRealm, RealmBuilder.USERNAME, RealmBuilder.PASSWORD).consentAndCapture();

        driver.get(server.realmUrl(lockoutRealm.name()) + "/account/");
        new BrowserLoginPage(driver).submit(RealmBuilder.USERNAME, RealmBuilder.PASSWORD);

        assertThat(awaitMessage(driver)).isEqualTo(ThemeText.english(Messages.LOCKED));
        Accessibility.assertNoSeriousViolations(driver, "locked page");
    }

    private BrowserLivenessPage openLiveness(WebDriver driver, ManagedRealm realm, String username, String password) {
        driver.get(server.realmUrl(realm.name()) + "/account/");
        return new BrowserLoginPage(driver).logIn(username, password);
    }

    /** The test client's sign-in, username on the first page: the second page shows it read-only. */
    private void openPasswordPage(WebDriver driver, ManagedRealm realm) {
        driver.get(server.realmUrl(realm.name()) + "/protocol/openid-connect/auth?client_id=" + RealmBuilder.CLIENT_ID
                + "&redirect_uri=" + URLEncoder.encode(RealmBuilder.REDIRECT_URI, StandardCharsets.UTF_8)
                + "&response_type=code&scope=openid");
        BrowserWait.type(driver, By.id("username"), RealmBuilder.USERNAME);
        BrowserWait.click(driver, By.id("kc-login"));
        BrowserWait.until(driver, BrowserWait.PAGE, "the password page",
                d -> d.findElement(By.id("password")).isDisplayed()
                        && !d.findElements(By.id("kc-attempted-username")).isEmpty());
    }

    private static void awaitError(WebDriver driver, String messageKey) {
        String expected = ThemeText.english(messageKey);
        BrowserWait.until(driver, BrowserWait.PAGE, "the liveness page's error '" + expected + "'",
                d -> d.findElement(By.id("dfg-error")).getText().trim().equals(expected));
    }

    /** The message of the page Keycloak rendered (an error page or a form with an alert). */
    private static String awaitMessage(WebDriver driver) {
        return BrowserWait.until(driver, BrowserWait.PAGE, "a page with a message", d -> d.findElements(
                By.cssSelector(".kc-feedback-text, #kc-error-message .instruction")).stream()
                .map(element -> element.getText().trim()).filter(text -> !text.isEmpty()).findFirst().orElse(null));
    }

    /**
     * The plain realm of {@link RealmBuilder} without liveness, whose browser flow asks for the username and then,
     * on a page of its own, the password.
     */
    private static ObjectNode usernameThenPassword(String prefix, String loginTheme) {
        ObjectNode realm = RealmBuilder.named(prefix).withoutLiveness().loginTheme(loginTheme).build();
        ArrayNode executions = (ArrayNode) realm.get("authenticationFlows").get(0).get("authenticationExecutions");
        executions.removeAll();
        executions.addObject().put("authenticator", "auth-username-form").put("authenticatorFlow", false)
                .put("requirement", "REQUIRED").put("priority", 10).put("userSetupAllowed", false);
        executions.addObject().put("authenticator", "auth-password-form").put("authenticatorFlow", false)
                .put("requirement", "REQUIRED").put("priority", 20).put("userSetupAllowed", false);
        return realm;
    }
}
