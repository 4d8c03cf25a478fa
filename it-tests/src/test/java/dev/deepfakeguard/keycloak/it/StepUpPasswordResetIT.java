package dev.deepfakeguard.keycloak.it;

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
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;

import com.fasterxml.jackson.databind.JsonNode;

import dev.deepfakeguard.keycloak.contract.UserFlags;
import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.ExampleRealm;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.MailBox;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.NextStep;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.RelyingParty;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.it.support.UpdatePasswordPage;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * The demo realm's reset-credentials flow with a real SMTP server on loopback: the link from the e-mail leads to the
 * liveness check with the reset thresholds, then to the new password; the reset ends the account's other sessions
 * and marks it as recently reset; the link works once.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepUpPasswordResetIT {

    /** Reset policy of the example: allow from 8500; the login policy allows this as well. */
    private static final int ALLOW_SCORE = 9000;

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();
    private final MailBox mail = new MailBox();
    private ManagedRealm realm;

    StepUpPasswordResetIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void importDemoRealm() {
        realm = admin.createRealm(ExampleRealm.load(ExampleRealm.DEMO, "dfg-stepup-reset")
                .httpScorer(ExampleRealm.LIVENESS_LOGIN, scorer.url())
                .httpScorer(ExampleRealm.LIVENESS_RESET, scorer.url())
                .smtp(MailBox.HOST, mail.port())
                .build());
        scorer.scores(ALLOW_SCORE, 200);
    }

    @AfterAll
    void cleanUp() {
        realm.close();
        scorer.close();
        mail.close();
    }

    @Test
    @DisplayName("Given carol is signed in on another device, when she resets her password through the e-mail link "
            + "and the liveness check, then she is signed in, the other session has ended and the account is marked "
            + "as recently reset")
    void resetThroughMailAndLivenessEndsOtherSessions() {
        String carolId = userId("carol");
        RelyingParty otherDevice = RelyingParty.demoApp(server, realm.name());
        Page otherLogin = passLiveness(otherDevice.login().login("carol", "carol").asLiveness()).page();
        assertThat(otherDevice.isCodeRedirect(otherLogin)).as(otherLogin.describe()).isTrue();
        List<String> sessionsBefore = sessionIds(carolId);
        assertThat(sessionsBefore).hasSize(1);
        long mark = System.currentTimeMillis();

        RelyingParty app = RelyingParty.demoApp(server, realm.name());
        Page sent = app.forgotPassword(app.login()).requestLink("carol").page();
        assertUserSafe(sent);
        String link = mail.awaitActionLink("carol@demo.deepfake-guard.dev");
        LivenessPage liveness = app.open(link).asLiveness();
        UpdatePasswordPage newPassword = UpdatePasswordPage.expect(passLiveness(liveness));
        Page result = newPassword.setPassword("carol-Reset-2nd!").page();

        assertThat(app.isCodeRedirect(result)).as(result.describe()).isTrue();
        assertThat(sessionIds(carolId)).as("sessions after the reset").doesNotContainAnyElementsOf(sessionsBefore);
        JsonNode carol = admin.userByUsername(realm.name(), "carol").orElseThrow();
        long resetAt = carol.path("attributes").path(UserFlags.PASSWORD_RESET_AT).path(0).asLong();
        assertThat(resetAt * 1000).isBetween(mark - 1000, System.currentTimeMillis() + 1000);
    }

    @Test
    @DisplayName("Given alice reset her password with the e-mail link, when the same link is opened again, then "
            + "Keycloak refuses it with an error page and never shows the new-password form")
    void reusedLinkIsRefused() {
        RelyingParty app = RelyingParty.demoApp(server, realm.name());
        app.forgotPassword(app.login()).requestLink("alice");
        String link = mail.awaitActionLink("alice@demo.deepfake-guard.dev");
        Page done = UpdatePasswordPage.expect(passLiveness(app.open(link).asLiveness()))
                .setPassword("alice-Reset-2nd!").page();
        assertThat(app.isCodeRedirect(done)).as(done.describe()).isTrue();
        long mark = System.currentTimeMillis();

        for (RelyingParty agent : List.of(app, RelyingParty.demoApp(server, realm.name()))) {
            Page again = agent.open(link).page();

            assertUserSafe(again);
            assertThat(again.isLivenessPage()).as(again.describe()).isFalse();
            assertThat(UpdatePasswordPage.isShown(again)).as(again.describe()).isFalse();
            assertThat(agent.isCodeRedirect(again)).as(again.describe()).isFalse();
            assertThat(again.message()).as(again.describe()).isPresent();
        }
        assertThat(realm.awaitEvent(EventType.RESET_PASSWORD_ERROR.name(), since(mark)).path("error").asText())
                .isEqualTo(Errors.EXPIRED_CODE);
        assertThat(realm.countEvents(EventType.UPDATE_PASSWORD.name(), since(mark))).isZero();
        assertThat(realm.countEvents(EventType.UPDATE_CREDENTIAL.name(), since(mark))).isZero();
    }

    private List<String> sessionIds(String userId) {
        return admin.userSessions(realm.name(), userId).stream().map(s -> s.path("id").asText()).toList();
    }

    private String userId(String username) {
        return admin.userByUsername(realm.name(), username).orElseThrow().path("id").asText();
    }

    private static NextStep passLiveness(LivenessPage liveness) {
        return liveness.submit(Submission.of(liveness, SyntheticFrames.following(liveness.challenge(), 3201)));
    }
}
