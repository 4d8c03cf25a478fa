package dev.deepfakeguard.keycloak.it;

import static dev.deepfakeguard.keycloak.it.support.Events.detail;
import static dev.deepfakeguard.keycloak.it.support.Events.reasons;
import static dev.deepfakeguard.keycloak.it.support.Events.since;
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

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.EventDetails;
import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.FlowKind;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessConfigKeys;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.LoginDriver;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/** Password + liveness with the default, vendor-free embedded scorer. */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedScorerLoginIT {

    private final KeycloakServer server;
    private final AdminClient admin;
    private ManagedRealm realm;

    EmbeddedScorerLoginIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void createRealm() {
        realm = admin.createRealm(RealmBuilder.named("dfg-embedded")
                .liveness(LivenessConfigKeys.SCORER, LivenessConfigKeys.SCORER_EMBEDDED)
                .liveness(LivenessConfigKeys.FLOW, FlowKind.LOGIN.value())
                .build());
    }

    @AfterAll
    void deleteRealm() {
        realm.close();
    }

    @Test
    @DisplayName("Given frames whose reflection follows the colour script, then the login completes and the LOGIN "
            + "event records the allow decision")
    void liveFramesAreAllowed() {
        LivenessPage liveness = new LoginDriver(server, realm.name()).openLiveness();
        long mark = System.currentTimeMillis();

        Page result = liveness.submit(Submission.of(liveness, SyntheticFrames.following(liveness.challenge(), 1001)))
                .page();

        assertThat(result.isCodeRedirect()).as(result.describe()).isTrue();
        JsonNode login = realm.awaitEvent(EventType.LOGIN.name(), since(mark));
        assertThat(detail(login, EventDetails.DECISION)).isEqualTo(Decision.ALLOW.value());
        assertThat(detail(login, EventDetails.SCORER)).isEqualTo(LivenessConfigKeys.SCORER_EMBEDDED);
        assertThat(detail(login, EventDetails.CHALLENGE_ID)).isEqualTo(liveness.challengeId());
        assertThat(detail(login, EventDetails.FLOW)).isEqualTo(FlowKind.LOGIN.value());
        assertThat(Integer.parseInt(detail(login, EventDetails.LIVENESS_SCORE))).isBetween(0, 10_000);
        assertThat(Integer.parseInt(detail(login, EventDetails.SYNTHETIC_SCORE))).isBetween(0, 10_000);
        assertThat(login.path("details").has(EventDetails.REASONS)).as(login.toString()).isTrue();
    }

    @Test
    @DisplayName("Given frames lit by another colour script, then the check is denied and the page offers a new "
            + "challenge with an error message")
    void framesNotFollowingTheScriptAreDenied() {
        LivenessPage liveness = new LoginDriver(server, realm.name()).openLiveness();
        long mark = System.currentTimeMillis();

        Page result = liveness.submit(
                Submission.of(liveness, SyntheticFrames.notFollowing(liveness.challenge(), 1002))).page();

        assertThat(result.isLivenessPage()).as(result.describe()).isTrue();
        assertThat(result.message()).as(result.describe()).isPresent();
        JsonNode error = realm.awaitEvent(EventType.LOGIN_ERROR.name(), since(mark));
        assertThat(error.path("error").asText()).isEqualTo(EventErrors.LIVENESS_FAILED);
        assertThat(detail(error, EventDetails.DECISION)).isEqualTo(Decision.DENY.value());
        assertThat(reasons(error)).contains(ReasonCodes.REFLECTION_MISMATCH);
        assertThat(realm.countEvents(EventType.LOGIN.name(), since(mark))).isZero();
    }

    @Test
    @DisplayName("Given the frames of an accepted login sent again byte for byte in a second login, then it is "
            + "denied as a suspected deepfake with reason replayed_media")
    void byteForByteReplayIsDenied() {
        LivenessPage first = new LoginDriver(server, realm.name()).openLiveness();
        List<CapturedFrame> recorded = SyntheticFrames.following(first.challenge(), 1003);
        Page accepted = first.submit(Submission.of(first, recorded)).page();
        assertThat(accepted.isCodeRedirect()).as("the original login: " + accepted.describe()).isTrue();

        LivenessPage second = new LoginDriver(server, realm.name()).openLiveness();
        long mark = System.currentTimeMillis();
        Page replayed = second.submit(Submission.of(second, recorded)).page();

        assertThat(replayed.isCodeRedirect()).as(replayed.describe()).isFalse();
        JsonNode error = realm.awaitEvent(EventType.LOGIN_ERROR.name(), since(mark));
        assertThat(error.path("error").asText()).isEqualTo(EventErrors.DEEPFAKE_SUSPECTED);
        assertThat(reasons(error)).contains(ReasonCodes.REPLAYED_MEDIA);
        assertThat(detail(error, EventDetails.CHALLENGE_ID)).isEqualTo(second.challengeId());
    }
}
