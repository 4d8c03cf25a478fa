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
import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.ExampleRealm;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessConfigKeys;
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
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * Broken configuration of the step-up pieces fails closed: a risk condition that cannot read its config asks for
 * the second factor, a liveness step that cannot read its config lets nobody in and says so in the event.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepUpBadInputIT {

    private static final int ALLOW_SCORE = 9000;

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();
    private final OtpDevice carolsPhone = new OtpDevice("deepfake-guard-demo-carol");
    private ManagedRealm brokenCondition;
    private ManagedRealm brokenLiveness;

    StepUpBadInputIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void importBrokenRealms() {
        ExampleRealm condition = ExampleRealm.load(ExampleRealm.DEMO, "dfg-stepup-badrisk")
                .httpScorer(ExampleRealm.LIVENESS_LOGIN, scorer.url());
        condition.config(ExampleRealm.RISK).put("dfg.risk.onStepUp", "perhaps");
        brokenCondition = admin.createRealm(condition.build());
        ExampleRealm liveness = ExampleRealm.load(ExampleRealm.DEMO, "dfg-stepup-badliveness")
                .httpScorer(ExampleRealm.LIVENESS_LOGIN, scorer.url());
        liveness.config(ExampleRealm.LIVENESS_LOGIN).put(LivenessConfigKeys.FALLBACK, "allow");
        brokenLiveness = admin.createRealm(liveness.build());
        scorer.scores(ALLOW_SCORE, 200);
    }

    @AfterAll
    void cleanUp() {
        brokenCondition.close();
        brokenLiveness.close();
        scorer.close();
    }

    @Test
    @DisplayName("Given the risk condition's config says onStepUp=perhaps, then even a live score is treated as risk "
            + "and carol must enter her code")
    void brokenConditionCountsAsRisk() {
        RelyingParty app = RelyingParty.demoApp(server, brokenCondition.name());

        NextStep afterLiveness = passLiveness(app.login().login("carol", "carol").asLiveness());

        assertThat(app.isCodeRedirect(afterLiveness.page())).as(afterLiveness.page().describe()).isFalse();
        Page result = OtpPage.expect(afterLiveness).enter(carolsPhone.nextCode()).page();
        assertThat(app.isCodeRedirect(result)).as(result.describe()).isTrue();
    }

    @Test
    @DisplayName("Given the liveness step's config says fallback=allow, then alice is refused with the generic page "
            + "after her password and the event says liveness_config_invalid")
    void brokenLivenessConfigRefusesEveryone() {
        RelyingParty app = RelyingParty.demoApp(server, brokenLiveness.name());
        long mark = System.currentTimeMillis();
        int scorerCalls = scorer.requestCount();

        Page result = app.login().login("alice", "alice").page();

        assertUserSafe(result);
        assertThat(result.isLivenessPage()).as(result.describe()).isFalse();
        assertThat(result.status()).as(result.describe()).isEqualTo(403);
        assertThat(result.message().orElse("")).as(result.describe()).contains(ThemeText.english(Messages.LOCKED));
        assertThat(app.isCodeRedirect(result)).isFalse();
        String aliceId = admin.userByUsername(brokenLiveness.name(), "alice").orElseThrow().path("id").asText();
        Predicate<JsonNode> alice = event -> aliceId.equals(event.path("userId").asText());
        JsonNode error = brokenLiveness.awaitEvent(EventType.LOGIN_ERROR.name(), since(mark).and(alice));
        assertThat(error.path("error").asText()).isEqualTo(EventErrors.LIVENESS_CONFIG_INVALID);
        assertThat(brokenLiveness.countEvents(EventType.LOGIN.name(), since(mark))).isZero();
        assertThat(scorer.requestCount()).isEqualTo(scorerCalls);
    }

    private static NextStep passLiveness(LivenessPage liveness) {
        return liveness.submit(Submission.of(liveness, SyntheticFrames.following(liveness.challenge(), 3401)));
    }
}
