package dev.deepfakeguard.keycloak.it;

import static dev.deepfakeguard.keycloak.it.support.UserSafe.assertUserSafe;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
import dev.deepfakeguard.keycloak.it.support.Poll;
import dev.deepfakeguard.keycloak.it.support.RelyingParty;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.it.support.Tokens;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * Levels of assurance of the demo realm: a client asks with {@code acr_values}; {@code liveness-mfa} adds the
 * one-time code on top of an existing session, {@code liveness} is satisfied by single sign-on while the pass is
 * younger than the level's max age and asks for a fresh check after it; an unknown acr grants nothing extra.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepUpLevelsIT {

    private static final int ALLOW_SCORE = 9000;
    private static final String BROWSER_FLOW = "deepfake-guard browser";
    private static final int SHORT_MAX_AGE_SECONDS = 8;

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();
    private final OtpDevice carolsPhone = new OtpDevice("deepfake-guard-demo-carol");
    private ManagedRealm realm;

    StepUpLevelsIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void importDemoRealm() {
        realm = admin.createRealm(ExampleRealm.load(ExampleRealm.DEMO, "dfg-stepup-levels")
                .httpScorer(ExampleRealm.LIVENESS_LOGIN, scorer.url())
                .build());
        scorer.scores(ALLOW_SCORE, 200);
    }

    @AfterAll
    void cleanUp() {
        realm.close();
        scorer.close();
    }

    @Test
    @DisplayName("Given carol is signed in, then acr_values=liveness-mfa asks for her code, acr_values=liveness is "
            + "single sign-on, and once the level's max age has passed acr_values=liveness asks for her password and a "
            + "fresh liveness check")
    void acrValuesForceFreshChecks() {
        RelyingParty app = RelyingParty.demoApp(server, realm.name());
        Tokens first = app.redeem(passLiveness(app.login().login("carol", "carol").asLiveness()).page());
        assertThat(first.acr()).isEqualTo("liveness");

        OtpPage otp = OtpPage.expect(app.authorize(Map.of("acr_values", "liveness-mfa")));
        Tokens mfa = app.redeem(otp.enter(carolsPhone.nextCode()).page());
        assertThat(mfa.acr()).isEqualTo("liveness-mfa");

        Page sso = app.authorize(Map.of("acr_values", "liveness")).page();
        assertThat(app.isCodeRedirect(sso)).as("single sign-on without a page: %s", sso.describe()).isTrue();
        assertThat(app.redeem(sso).acr()).isEqualTo("liveness");

        Duration maxAge = shortenLevelMaxAge(SHORT_MAX_AGE_SECONDS);
        Poll.pause(maxAge.plusSeconds(1));

        NextStep fresh = app.authorize(Map.of("acr_values", "liveness"));
        LivenessPage liveness = fresh.asPasswordForm().reenterPassword("carol").asLiveness();
        Tokens renewed = app.redeem(passLiveness(liveness).page());
        assertThat(renewed.acr()).isEqualTo("liveness");
        assertThat(renewed.amr()).contains(SessionNotes.AMR_LIVENESS);
    }

    @Test
    @DisplayName("Given a client asks for an unknown acr 'platinum', then nothing beyond the flow is granted: the "
            + "normal sign-in runs and the token says liveness")
    void unknownAcrGrantsNothingExtra() {
        RelyingParty app = RelyingParty.demoApp(server, realm.name());

        NextStep first = app.authorize(Map.of("acr_values", "platinum"));

        assertUserSafe(first.page());
        LivenessPage liveness = RelyingParty.loginForm(first).login("carol", "carol").asLiveness();
        Tokens tokens = app.redeem(passLiveness(liveness).page());
        assertThat(tokens.acr()).isEqualTo("liveness").isNotEqualTo("platinum");
    }

    /** The level "liveness" of the browser flow gets a short {@code loa-max-age}, through the admin API. */
    private Duration shortenLevelMaxAge(int seconds) {
        for (JsonNode execution : admin.flowExecutions(realm.name(), BROWSER_FLOW)) {
            if (!execution.hasNonNull("authenticationConfig")) {
                continue;
            }
            JsonNode config = admin.authenticatorConfig(realm.name(), execution.get("authenticationConfig").asText());
            if (ExampleRealm.LEVEL_LIVENESS.equals(config.path("alias").asText())) {
                ObjectNode changed = config.deepCopy();
                ((ObjectNode) changed.get("config")).put(ExampleRealm.LOA_MAX_AGE, Integer.toString(seconds));
                admin.updateAuthenticatorConfig(realm.name(), config.get("id").asText(), changed);
                return Duration.ofSeconds(seconds);
            }
        }
        throw new AssertionError("no config '" + ExampleRealm.LEVEL_LIVENESS + "' in flow " + BROWSER_FLOW);
    }

    private static NextStep passLiveness(LivenessPage liveness) {
        return liveness.submit(Submission.of(liveness, SyntheticFrames.following(liveness.challenge(), 3101)));
    }
}
