package dev.deepfakeguard.keycloak.it;

import static dev.deepfakeguard.keycloak.it.support.Events.detail;
import static dev.deepfakeguard.keycloak.it.support.Events.reasons;
import static dev.deepfakeguard.keycloak.it.support.Events.since;
import static dev.deepfakeguard.keycloak.it.support.UserSafe.assertUserSafe;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.scoring.http.HttpScorerConfig;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/** A person whose checks keep failing: a retry with a new challenge, then a final refusal. */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttemptsIT {

    private static final int MAX_ATTEMPTS = 2;

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();
    private ManagedRealm realm;

    AttemptsIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void createRealm() {
        scorer.scores(1500, 300);
        realm = admin.createRealm(RealmBuilder.named("dfg-attempts")
                .liveness(LivenessConfigKeys.SCORER, LivenessConfigKeys.SCORER_HTTP)
                .liveness(HttpScorerConfig.URL, scorer.url())
                .liveness(LivenessConfigKeys.MAX_ATTEMPTS, MAX_ATTEMPTS)
                .build());
    }

    @AfterAll
    void cleanUp() {
        realm.close();
        scorer.close();
    }

    @Test
    @DisplayName("Given a low liveness score, then the person sees an error and a new challenge for attempt 2")
    void lowScoreIsDeniedWithRetry() {
        LivenessPage first = new LoginDriver(server, realm.name()).openLiveness();
        long mark = System.currentTimeMillis();

        LivenessPage second = first.submit(Submission.of(first, SyntheticFrames.following(first.challenge(), 3001)))
                .asLiveness();

        assertUserSafe(second.page());
        assertThat(second.message()).as(second.page().describe()).isPresent();
        assertThat(second.challengeId()).isNotEqualTo(first.challengeId());
        assertThat(second.attemptText()).contains("2");
        JsonNode error = realm.awaitEvent(EventType.LOGIN_ERROR.name(), since(mark));
        assertThat(error.path("error").asText()).isEqualTo(EventErrors.LIVENESS_FAILED);
        assertThat(detail(error, EventDetails.DECISION)).isEqualTo(Decision.DENY.value());
        assertThat(detail(error, EventDetails.ATTEMPT)).isEqualTo("1");
        assertThat(detail(error, EventDetails.LIVENESS_SCORE)).isEqualTo("1500");
        assertThat(reasons(error)).contains(ReasonCodes.LOW_LIVENESS);
    }

    @Test
    @DisplayName("Given every attempt denied, then the last one ends on an error page without a new challenge")
    void attemptsRunOut() {
        LivenessPage liveness = new LoginDriver(server, realm.name()).openLiveness();
        for (int attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
            liveness = liveness.submit(Submission.of(liveness,
                    SyntheticFrames.following(liveness.challenge(), 3100 + attempt))).asLiveness();
        }
        long mark = System.currentTimeMillis();

        Page last = liveness.submit(Submission.of(liveness,
                SyntheticFrames.following(liveness.challenge(), 3199))).page();

        assertUserSafe(last);
        assertThat(last.status()).as(last.describe()).isIn(401, 403);
        assertThat(last.isLivenessPage()).as(last.describe()).isFalse();
        assertThat(last.isCodeRedirect()).isFalse();
        assertThat(last.message()).as(last.describe()).isPresent();
        JsonNode error = realm.awaitEvent(EventType.LOGIN_ERROR.name(), since(mark));
        assertThat(error.path("error").asText()).isEqualTo(EventErrors.LIVENESS_ATTEMPTS_EXHAUSTED);
        assertThat(detail(error, EventDetails.ATTEMPT)).isEqualTo(Integer.toString(MAX_ATTEMPTS));
    }
}
