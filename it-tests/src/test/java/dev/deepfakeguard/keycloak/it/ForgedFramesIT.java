package dev.deepfakeguard.keycloak.it;

import static dev.deepfakeguard.keycloak.it.support.Events.detail;
import static dev.deepfakeguard.keycloak.it.support.Events.reasons;
import static dev.deepfakeguard.keycloak.it.support.Events.since;
import static dev.deepfakeguard.keycloak.it.support.UserSafe.assertUserSafe;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.events.EventType;

import com.fasterxml.jackson.databind.JsonNode;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.EventDetails;
import dev.deepfakeguard.keycloak.contract.FlowKind;
import dev.deepfakeguard.keycloak.contract.Messages;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.ExampleRealm;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.MailBox;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.RelyingParty;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.it.support.ThemeText;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.testing.HeadMotion;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * The attacker of issue 10: a script that knows the password, reads the challenge from the page and posts made-up
 * frames over HTTP, against the example realms' embedded scorer in the login, password-reset and admin flows. The
 * frames are lit by the issued colour script, carry sensor noise and plausible timing: everything but a live face
 * that answers the prompts.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForgedFramesIT {

    private final KeycloakServer server;
    private final AdminClient admin;
    private final MailBox mail = new MailBox();
    private ManagedRealm demo;
    private ManagedRealm adminRealm;

    ForgedFramesIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void importExampleRealms() {
        demo = admin.createRealm(ExampleRealm.load(ExampleRealm.DEMO, "dfg-forged").smtp(MailBox.HOST, mail.port())
                .build());
        adminRealm = admin.createRealm(ExampleRealm.load(ExampleRealm.ADMIN, "dfg-forged-admin").build());
    }

    @AfterAll
    void cleanUp() {
        demo.close();
        adminRealm.close();
        mail.close();
    }

    /** A grey card lit by the issued colour script, with sensor noise: it reflected perfectly, and nobody is there. */
    private static List<CapturedFrame> greyCard(Challenge challenge) {
        return SyntheticFrames.surface(challenge, seed(challenge), SyntheticFrames.Surface.GREY_CARD);
    }

    /** A face that reflects the issued script (a photo held up to the screen) but never turns. */
    private static List<CapturedFrame> faceIgnoringPrompts(Challenge challenge) {
        return SyntheticFrames.withMotion(challenge, seed(challenge), HeadMotion.still());
    }

    /** Fresh noise per challenge, as a careful forger would make: nothing here is caught as a replay. */
    private static long seed(Challenge challenge) {
        return challenge.id().hashCode();
    }

    @Test
    @DisplayName("Given a script with alice's password posting noisy frames of a grey card lit by the colour script, "
            + "then the login is denied with no_face and the page tells her to show her face")
    void loginWithoutAFaceIsDenied() {
        RelyingParty app = RelyingParty.demoApp(server, demo.name());
        JsonNode error = denied(demo, app, app.login().login("alice", "alice").asLiveness(), ForgedFramesIT::greyCard,
                FlowKind.LOGIN, EventType.LOGIN_ERROR, Messages.NO_FACE);

        assertThat(reasons(error)).contains(ReasonCodes.NO_FACE);
    }

    @Test
    @DisplayName("Given a face that reflects the colour script but ignores the head-turn prompts, then the login is "
            + "denied with head_turn_missing")
    void loginWithAFaceThatDoesNotTurnIsDenied() {
        RelyingParty app = RelyingParty.demoApp(server, demo.name());
        JsonNode error = denied(demo, app, app.login().login("alice", "alice").asLiveness(),
                ForgedFramesIT::faceIgnoringPrompts, FlowKind.LOGIN, EventType.LOGIN_ERROR, Messages.HEAD_TURN);

        assertThat(reasons(error)).contains(ReasonCodes.HEAD_TURN_MISSING);
    }

    @Test
    @DisplayName("Given the e-mail link of a password reset, then frames without a face are denied and no new "
            + "password can be set")
    void resetWithoutAFaceIsDenied() {
        RelyingParty app = RelyingParty.demoApp(server, demo.name());
        app.forgotPassword(app.login()).requestLink("carol");
        LivenessPage liveness = app.open(mail.awaitActionLink("carol@demo.deepfake-guard.dev")).asLiveness();

        JsonNode error = denied(demo, app, liveness, ForgedFramesIT::greyCard, FlowKind.PASSWORD_RESET,
                EventType.RESET_PASSWORD_ERROR, Messages.NO_FACE);

        assertThat(reasons(error)).contains(ReasonCodes.NO_FACE);
    }

    @Test
    @DisplayName("Given the e-mail link of a password reset, then a face that ignores the head-turn prompts is denied")
    void resetWithAFaceThatDoesNotTurnIsDenied() {
        RelyingParty app = RelyingParty.demoApp(server, demo.name());
        app.forgotPassword(app.login()).requestLink("bob");
        LivenessPage liveness = app.open(mail.awaitActionLink("bob@demo.deepfake-guard.dev")).asLiveness();

        JsonNode error = denied(demo, app, liveness, ForgedFramesIT::faceIgnoringPrompts, FlowKind.PASSWORD_RESET,
                EventType.RESET_PASSWORD_ERROR, Messages.HEAD_TURN);

        assertThat(reasons(error)).contains(ReasonCodes.HEAD_TURN_MISSING);
    }

    @Test
    @DisplayName("Given ann's admin password, then frames without a face are denied at the admin console")
    void adminConsoleWithoutAFaceIsDenied() {
        RelyingParty console = RelyingParty.adminConsole(server, adminRealm.name());
        JsonNode error = denied(adminRealm, console, console.login().login("ann", "ann").asLiveness(),
                ForgedFramesIT::greyCard, FlowKind.ADMIN, EventType.LOGIN_ERROR, Messages.NO_FACE);

        assertThat(reasons(error)).contains(ReasonCodes.NO_FACE);
    }

    @Test
    @DisplayName("Given ann's admin password, then a face that ignores the head-turn prompts is denied at the admin "
            + "console")
    void adminConsoleWithAFaceThatDoesNotTurnIsDenied() {
        RelyingParty console = RelyingParty.adminConsole(server, adminRealm.name());
        JsonNode error = denied(adminRealm, console, console.login().login("dave", "dave").asLiveness(),
                ForgedFramesIT::faceIgnoringPrompts, FlowKind.ADMIN, EventType.LOGIN_ERROR, Messages.HEAD_TURN);

        assertThat(reasons(error)).contains(ReasonCodes.HEAD_TURN_MISSING);
    }

    private JsonNode denied(ManagedRealm realm, RelyingParty agent, LivenessPage liveness,
                            java.util.function.Function<Challenge, List<CapturedFrame>> forgery, FlowKind flow,
                            EventType errorType, String guidance) {
        long mark = System.currentTimeMillis();

        Page result = liveness.submit(Submission.of(liveness, forgery.apply(liveness.challenge()))).page();

        assertUserSafe(result);
        assertThat(agent.isCodeRedirect(result)).as(result.describe()).isFalse();
        assertThat(result.isLivenessPage()).as("a fresh challenge: " + result.describe()).isTrue();
        assertThat(result.message().orElse("")).as(result.describe()).contains(ThemeText.english(guidance));
        JsonNode error = realm.awaitEvent(errorType.name(), since(mark));
        assertThat(detail(error, EventDetails.DECISION)).isEqualTo(Decision.DENY.value());
        assertThat(detail(error, EventDetails.FLOW)).isEqualTo(flow.value());
        assertThat(detail(error, EventDetails.LIVENESS_SCORE)).isEqualTo("0");
        assertThat(detail(error, EventDetails.MODEL_VERSION)).startsWith("face-1+blazeface128-");
        assertThat(realm.countEvents(EventType.LOGIN.name(), since(mark))).isZero();
        return error;
    }
}
