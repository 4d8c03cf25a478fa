package dev.deepfakeguard.keycloak.it;

import static dev.deepfakeguard.keycloak.it.support.Events.detail;
import static dev.deepfakeguard.keycloak.it.support.Events.since;
import static dev.deepfakeguard.keycloak.it.support.UserSafe.assertUserSafe;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.events.EventType;

import com.fasterxml.jackson.databind.JsonNode;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.EventDetails;
import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.Messages;
import dev.deepfakeguard.keycloak.contract.SessionNotes;
import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.ExampleRealm;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.NextStep;
import dev.deepfakeguard.keycloak.it.support.OtpDevice;
import dev.deepfakeguard.keycloak.it.support.OtpPage;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.RelyingParty;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.it.support.ThemeText;
import dev.deepfakeguard.keycloak.it.support.Tokens;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * The demo realm's login (docs/step-up.md, "Login with levels of assurance") with the http scorer on loopback: a
 * grey-band score asks for the one-time code, a person without one is refused, a flagged account always gives one,
 * and the tokens say which of these happened.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepUpLoginIT {

    /** Login policy of the example: allow from 6000, step-up from 4000. */
    private static final int ALLOW_SCORE = 9000;
    private static final int GREY_BAND_SCORE = 5000;
    private static final int LOW_SYNTHETIC = 200;

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();
    private final OtpDevice carolsPhone = new OtpDevice("deepfake-guard-demo-carol");
    private final OtpDevice bobsPhone = new OtpDevice("deepfake-guard-it-bob");
    private ManagedRealm realm;

    StepUpLoginIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void importDemoRealm() {
        realm = admin.createRealm(ExampleRealm.load(ExampleRealm.DEMO, "dfg-stepup-login")
                .httpScorer(ExampleRealm.LIVENESS_LOGIN, scorer.url())
                .otp("bob", bobsPhone)
                .addUser("erin", "erin").securityKey("erin", "webauthn")
                .addUser("frank", "frank").securityKey("frank", "webauthn-passwordless")
                .build());
    }

    @AfterAll
    void cleanUp() {
        realm.close();
        scorer.close();
    }

    @Test
    @DisplayName("Given a live score, then carol signs in without a code and the tokens carry acr liveness and amr "
            + "liveness")
    void allowCreditsLivenessInAmr() {
        scorer.scores(ALLOW_SCORE, LOW_SYNTHETIC);
        RelyingParty app = RelyingParty.demoApp(server, realm.name());
        long mark = System.currentTimeMillis();

        Page result = passLiveness(app.login().login("carol", "carol").asLiveness()).page();

        Tokens tokens = app.redeem(result);
        assertThat(tokens.acr()).isEqualTo("liveness");
        assertThat(tokens.amr()).contains(SessionNotes.AMR_LIVENESS);
        JsonNode login = realm.awaitEvent(EventType.LOGIN.name(), since(mark).and(user("carol")));
        assertThat(detail(login, EventDetails.DECISION)).isEqualTo(Decision.ALLOW.value());
    }

    @Test
    @DisplayName("Given a grey-band score, then carol must enter her one-time code, the tokens carry acr liveness "
            + "but no liveness amr, and the LOGIN event records the step-up decision")
    void greyBandStepsUpToOtp() {
        scorer.scores(GREY_BAND_SCORE, LOW_SYNTHETIC);
        RelyingParty app = RelyingParty.demoApp(server, realm.name());
        long mark = System.currentTimeMillis();

        OtpPage otp = OtpPage.expect(passLiveness(app.login().login("carol", "carol").asLiveness()));
        Page result = otp.enter(carolsPhone.nextCode()).page();

        Tokens tokens = app.redeem(result);
        assertThat(tokens.acr()).isEqualTo("liveness");
        assertThat(tokens.amr()).doesNotContain(SessionNotes.AMR_LIVENESS);
        // "Decision on the sign-in event" carries the decision onto the LOGIN event of the OTP request.
        JsonNode login = realm.awaitEvent(EventType.LOGIN.name(), since(mark).and(user("carol")));
        assertThat(detail(login, EventDetails.DECISION)).isEqualTo(Decision.STEP_UP.value());
        assertThat(detail(login, EventDetails.LIVENESS_SCORE)).isEqualTo(Integer.toString(GREY_BAND_SCORE));
    }

    @Test
    @DisplayName("Given a grey-band score and no second factor, then alice is refused with guidance, the event says "
            + "step_up_factor_missing and no code is issued")
    void missingSecondFactorIsRefused() {
        scorer.scores(GREY_BAND_SCORE, LOW_SYNTHETIC);
        RelyingParty app = RelyingParty.demoApp(server, realm.name());
        long mark = System.currentTimeMillis();

        Page result = passLiveness(app.login().login("alice", "alice").asLiveness()).page();

        assertUserSafe(result);
        assertThat(result.status()).as(result.describe()).isEqualTo(403);
        assertThat(result.message().orElse("")).as(result.describe()).contains(ThemeText.english(Messages.SECOND_FACTOR_MISSING));
        assertThat(app.isCodeRedirect(result)).isFalse();
        assertThat(OtpPage.isShown(result)).isFalse();
        JsonNode error = realm.awaitEvent(EventType.LOGIN_ERROR.name(), since(mark).and(user("alice")));
        assertThat(error.path("error").asText()).isEqualTo(EventErrors.STEP_UP_FACTOR_MISSING);
        assertThat(realm.countEvents(EventType.LOGIN.name(), since(mark).and(user("alice")))).isZero();
    }

    @ParameterizedTest(name = "Given {0} holds only a {1} credential, when the {2} path asks for a step-up, then "
            + "the person is refused with guidance, the event says step_up_factor_missing and no one-time-code app "
            + "can be enrolled")
    @CsvSource({"erin, webauthn, no-camera", "erin, webauthn, grey-band", "frank, webauthn-passwordless, no-camera"})
    void securityKeyOnlyCannotEnrolTheOneTimeCode(String username, String credentialType, String path) {
        scorer.scores(GREY_BAND_SCORE, LOW_SYNTHETIC);
        RelyingParty app = RelyingParty.demoApp(server, realm.name());
        long mark = System.currentTimeMillis();
        LivenessPage liveness = app.login().login(username, username).asLiveness();

        Page result = ("no-camera".equals(path) ? liveness.submitNow(Submission.noCamera(liveness))
                : passLiveness(liveness)).page();

        assertUserSafe(result);
        assertThat(OtpPage.isEnrolmentShown(result)).as(result.describe()).isFalse();
        assertThat(OtpPage.isShown(result)).as(result.describe()).isFalse();
        assertThat(result.status()).as(result.describe()).isEqualTo(403);
        assertThat(result.message().orElse("")).as(result.describe())
                .contains(ThemeText.english(Messages.SECOND_FACTOR_MISSING));
        assertThat(app.isCodeRedirect(result)).isFalse();
        JsonNode error = realm.awaitEvent(EventType.LOGIN_ERROR.name(), since(mark).and(user(username)));
        assertThat(error.path("error").asText()).isEqualTo(EventErrors.STEP_UP_FACTOR_MISSING);
        JsonNode account = admin.userByUsername(realm.name(), username).orElseThrow();
        assertThat(account.path("requiredActions").toString()).doesNotContain("CONFIGURE_TOTP");
        assertThat(realm.countEvents(EventType.LOGIN.name(), since(mark).and(user(username)))).isZero();
    }

    @Test
    @DisplayName("Given bob is flagged for step-up, then even a live score asks for his one-time code before he is "
            + "signed in")
    void flaggedUserIsAlwaysSteppedUp() {
        scorer.scores(ALLOW_SCORE, LOW_SYNTHETIC);
        RelyingParty app = RelyingParty.demoApp(server, realm.name());
        long mark = System.currentTimeMillis();

        OtpPage otp = OtpPage.expect(passLiveness(app.login().login("bob", "bob").asLiveness()));
        assertThat(realm.countEvents(EventType.LOGIN.name(), since(mark).and(user("bob")))).isZero();
        Page result = otp.enter(bobsPhone.nextCode()).page();

        assertThat(app.isCodeRedirect(result)).as(result.describe()).isTrue();
        realm.awaitEvent(EventType.LOGIN.name(), since(mark).and(user("bob")));
    }

    private static NextStep passLiveness(LivenessPage liveness) {
        return liveness.submit(Submission.of(liveness, SyntheticFrames.following(liveness.challenge(), 3001)));
    }

    private Predicate<JsonNode> user(String username) {
        String id = admin.userByUsername(realm.name(), username).orElseThrow().path("id").asText();
        return event -> id.equals(event.path("userId").asText());
    }
}
