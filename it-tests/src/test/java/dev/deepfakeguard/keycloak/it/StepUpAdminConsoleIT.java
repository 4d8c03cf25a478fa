package dev.deepfakeguard.keycloak.it;

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
import org.keycloak.events.EventType;

import com.fasterxml.jackson.databind.JsonNode;

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
 * The admin realm's console (docs/step-up.md, "Admin console"): its own flow without a cookie step, password, the
 * liveness check with the admin policy, and always a second factor.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepUpAdminConsoleIT {

    /** Admin policy of the example: allow from 8500. */
    private static final int ALLOW_SCORE = 9000;

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();
    private final OtpDevice annsPhone = new OtpDevice("deepfake-guard-demo-ann");
    private ManagedRealm realm;

    StepUpAdminConsoleIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void importAdminRealm() {
        ExampleRealm example = ExampleRealm.load(ExampleRealm.ADMIN, "dfg-stepup-admin")
                .httpScorer(ExampleRealm.LIVENESS_ADMIN, scorer.url())
                .httpScorer(ExampleRealm.LIVENESS_LOGIN, scorer.url());
        // dave as an administrator who never set up a second factor.
        example.user("dave").putObject("clientRoles").putArray("realm-management").add("realm-admin");
        realm = admin.createRealm(example.build());
        scorer.scores(ALLOW_SCORE, 200);
    }

    @AfterAll
    void cleanUp() {
        realm.close();
        scorer.close();
    }

    @Test
    @DisplayName("Given ann is a realm admin with an authenticator app, then the admin console asks for password, "
            + "liveness and her code, and its token then administers the realm")
    void adminPassesLivenessAndSecondFactor() {
        RelyingParty console = RelyingParty.adminConsole(server, realm.name());
        long mark = System.currentTimeMillis();

        OtpPage otp = OtpPage.expect(passLiveness(console.login().login("ann", "ann").asLiveness()));
        Page result = otp.enter(annsPhone.nextCode()).page();

        Tokens tokens = console.redeem(result);
        assertThat(tokens.amr()).contains(SessionNotes.AMR_LIVENESS);
        assertThat(console.adminApiStatus(tokens, "/admin/realms/" + realm.name() + "/users")).isEqualTo(200);
        JsonNode login = realm.awaitEvent(EventType.LOGIN.name(), since(mark).and(user("ann")));
        assertThat(login.path("clientId").asText()).isEqualTo("security-admin-console");
    }

    @Test
    @DisplayName("Given dave is a realm admin without a second factor, then the admin console refuses him after the "
            + "liveness check, with guidance and the event step_up_factor_missing")
    void adminWithoutSecondFactorIsRefused() {
        RelyingParty console = RelyingParty.adminConsole(server, realm.name());
        long mark = System.currentTimeMillis();

        Page result = passLiveness(console.login().login("dave", "dave").asLiveness()).page();

        assertUserSafe(result);
        assertThat(result.status()).as(result.describe()).isEqualTo(403);
        assertThat(result.message().orElse("")).as(result.describe()).contains(ThemeText.english(Messages.SECOND_FACTOR_MISSING));
        assertThat(console.isCodeRedirect(result)).isFalse();
        JsonNode error = realm.awaitEvent(EventType.LOGIN_ERROR.name(), since(mark).and(user("dave")));
        assertThat(error.path("error").asText()).isEqualTo(EventErrors.STEP_UP_FACTOR_MISSING);
        assertThat(realm.countEvents(EventType.LOGIN.name(), since(mark).and(user("dave")))).isZero();
    }

    @Test
    @DisplayName("Given ann is already signed in to the admin console, then a new console sign-in in the same "
            + "browser asks for the password again: the console's flow has no single sign-on")
    void consoleFlowHasNoSingleSignOn() {
        RelyingParty console = RelyingParty.adminConsole(server, realm.name());
        OtpPage otp = OtpPage.expect(passLiveness(console.login().login("ann", "ann").asLiveness()));
        assertThat(console.isCodeRedirect(otp.enter(annsPhone.nextCode()).page())).isTrue();

        NextStep again = console.authorize();

        assertThat(console.isCodeRedirect(again.page())).as(again.page().describe()).isFalse();
        RelyingParty.loginForm(again);
    }

    private static NextStep passLiveness(LivenessPage liveness) {
        return liveness.submit(Submission.of(liveness, SyntheticFrames.following(liveness.challenge(), 3301)));
    }

    private Predicate<JsonNode> user(String username) {
        String id = admin.userByUsername(realm.name(), username).orElseThrow().path("id").asText();
        return event -> id.equals(event.path("userId").asText());
    }
}
