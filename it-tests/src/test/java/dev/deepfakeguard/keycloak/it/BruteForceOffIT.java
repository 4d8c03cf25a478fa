package dev.deepfakeguard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessConfigKeys;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.LockoutApi;
import dev.deepfakeguard.keycloak.it.support.LockoutRealm;
import dev.deepfakeguard.keycloak.it.support.LoginDriver;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.NextStep;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.it.support.UserSafe;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * A realm with Keycloak's brute-force detection switched off: nothing of Keycloak's counts failed liveness checks
 * anyway (their category is not one it counts), so the limit on retrying a failing check must come from Deepfake
 * Guard alone — the attempts per sign-in, and the lockout across sign-ins.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BruteForceOffIT {

    private static final int LOW_SCORE = 1200;
    private static final int ATTEMPTS_PER_SIGN_IN = 3;
    private static final int MAX_FAILURES = 5;

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();

    BruteForceOffIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @AfterAll
    void stopScorer() {
        scorer.close();
    }

    @Test
    @DisplayName("Given Keycloak's brute-force detection off, when a failing liveness check is retried sign-in after "
            + "sign-in, then each sign-in ends after its attempts and the account locks at the fifth failure")
    void failingChecksCannotBeRetriedWithoutLimit() {
        ObjectNode representation = LockoutRealm.build("dfg-bf-off", scorer.url(),
                Map.of("maxFailures", MAX_FAILURES, "sourceMaxFailures", 0));
        representation.put("bruteForceProtected", false);
        LockoutIT.livenessConfig(representation).put(LivenessConfigKeys.MAX_ATTEMPTS, Integer.toString(ATTEMPTS_PER_SIGN_IN));
        try (ManagedRealm realm = admin.createRealm(representation)) {
            assertThat(admin.realm(realm.name()).path("bruteForceProtected").asBoolean()).isFalse();
            LockoutApi api = new LockoutApi(admin, realm.name());
            String userId = admin.userByUsername(realm.name(), RealmBuilder.USERNAME).orElseThrow().path("id")
                    .asText();
            scorer.scores(LOW_SCORE, 300);

            Page lastOfFirst = failRepeatedly(realm, ATTEMPTS_PER_SIGN_IN, 21_000);
            assertThat(lastOfFirst.isLivenessPage()).as("a fourth attempt in the same sign-in: "
                    + lastOfFirst.describe()).isFalse();
            assertThat(lastOfFirst.isCodeRedirect()).isFalse();
            assertThat(api.user(userId).path("locked").asBoolean()).isFalse();

            failRepeatedly(realm, MAX_FAILURES - ATTEMPTS_PER_SIGN_IN, 21_100);

            assertThat(api.user(userId).path("locked").asBoolean()).as("locked after %d failures", MAX_FAILURES)
                    .isTrue();
            JsonNode status = admin.call("GET", "/admin/realms/" + realm.name()
                    + "/attack-detection/brute-force/users/" + userId, null, 200);
            assertThat(status.path("disabled").asBoolean()).as("Keycloak's detector, switched off").isFalse();
            LockoutIT.assertLockedOut(server, realm);
        }
    }

    /** {@code count} failing submissions in one sign-in; returns the answer to the last. */
    private Page failRepeatedly(ManagedRealm realm, int count, int seedBase) {
        LivenessPage page = new LoginDriver(server, realm.name()).openLiveness();
        for (int i = 0; ; i++) {
            NextStep next = page.submitNow(Submission.of(page, SyntheticFrames.following(page.challenge(),
                    seedBase + i)));
            UserSafe.assertUserSafe(next.page());
            if (i + 1 == count) {
                return next.page();
            }
            page = next.asLiveness();
        }
    }
}
