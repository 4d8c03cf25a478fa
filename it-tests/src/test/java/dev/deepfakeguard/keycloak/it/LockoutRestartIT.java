package dev.deepfakeguard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakRestarter;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.LockoutApi;
import dev.deepfakeguard.keycloak.it.support.LockoutRealm;
import dev.deepfakeguard.keycloak.it.support.LoginDriver;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.it.support.UserSafe;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/** Locks live in Keycloak's database, not in memory: a restart keeps them. */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LockoutRestartIT {

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();

    LockoutRestartIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @AfterAll
    void stop() {
        scorer.close();
    }

    @Test
    @DisplayName("Given a locked user, then the lock and its count survive a restart of Keycloak")
    void lockSurvivesRestart(KeycloakRestarter restarter) {
        try (ManagedRealm realm = admin.createRealm(LockoutRealm.build("dfg-restart", scorer.url(),
                Map.of("maxFailures", 1, "sourceMaxFailures", 0)))) {
            LockoutApi api = new LockoutApi(admin, realm.name());
            String userId = admin.userByUsername(realm.name(), RealmBuilder.USERNAME).orElseThrow().path("id").asText();
            scorer.scores(1000, 200);
            LivenessPage page = new LoginDriver(server, realm.name()).openLiveness();
            page.submitNow(Submission.of(page, SyntheticFrames.following(page.challenge(), 77)));
            assertThat(api.user(userId).path("locked").asBoolean()).isTrue();

            restarter.restart();

            assertThat(api.user(userId).path("locked").asBoolean()).isTrue();
            assertThat(api.user(userId).path("recordedFailures").asLong()).isEqualTo(1);
            assertThat(api.locks()).hasSize(1);
            scorer.live();
            Page after = new LoginDriver(server, realm.name()).open()
                    .login(RealmBuilder.USERNAME, RealmBuilder.PASSWORD).page();
            UserSafe.assertUserSafe(after);
            assertThat(after.isCodeRedirect()).isFalse();
            assertThat(after.message()).hasValueSatisfying(m -> assertThat(m).contains(LockoutIT.LOCKED_TEXT));
        }
    }
}
