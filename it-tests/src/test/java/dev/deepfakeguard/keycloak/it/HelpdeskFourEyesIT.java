package dev.deepfakeguard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.deepfakeguard.keycloak.it.support.HelpdeskStories.ALLOW_SCORE;
import static dev.deepfakeguard.keycloak.it.support.HelpdeskStories.LIVENESS_HELPDESK;
import static dev.deepfakeguard.keycloak.it.support.HelpdeskStories.PASSWORD;
import static dev.deepfakeguard.keycloak.it.support.HelpdeskStories.RESET_LINK;
import static dev.deepfakeguard.keycloak.it.support.HelpdeskStories.VERIFY_LINK;
import static dev.deepfakeguard.keycloak.it.support.HelpdeskStories.email;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.ExampleRealm;
import dev.deepfakeguard.keycloak.it.support.HelpdeskApi;
import dev.deepfakeguard.keycloak.it.support.HelpdeskCallerPage;
import dev.deepfakeguard.keycloak.it.support.HelpdeskStories;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.MailBox;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;

/**
 * The helpdesk's safeguards between agents: a privileged user's reset needs a second agent, and two agents cannot
 * both hold a verification for the same user.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpdeskFourEyesIT {

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();
    private final MailBox mail = new MailBox();
    private ManagedRealm realm;
    private HelpdeskApi helen;

    HelpdeskFourEyesIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void importDemoRealm() {
        ExampleRealm example = HelpdeskStories.demoRealm("dfg-helpdesk-four-eyes", scorer.url(), mail.port())
                .addUser("alma", PASSWORD)
                .clientRoles("alma", HelpdeskApi.CLIENT, "helpdesk-verifier", "helpdesk-approver")
                .clientRoles("alma", "realm-management", "view-users", "manage-users")
                .addUser("pam", PASSWORD)
                .clientRoles("pam", "realm-management", "view-users")
                .addUser("rosa", PASSWORD);
        realm = admin.createRealm(example.build());
        scorer.scores(ALLOW_SCORE, 200);
        helen = HelpdeskApi.signIn(server, realm.name(), "helen", "helen");
    }

    @AfterAll
    void cleanUp() {
        realm.close();
        scorer.close();
        mail.close();
    }

    @Test
    @DisplayName("Given pam holds an admin role, when arthur verified her, then the reset needs a second agent's "
            + "approval: not arthur's own, not from a mere verifier, once only; then arthur can issue it")
    void privilegedUserNeedsFourEyes() {
        HelpdeskApi arthur = HelpdeskApi.signIn(server, realm.name(), "arthur", "arthur");
        HelpdeskApi alma = HelpdeskApi.signIn(server, realm.name(), "alma", PASSWORD);
        HelpdeskApi.Answer started = arthur.start(userId("pam"), "INC-6006");
        assertThat(started.json().path("privileged").asBoolean()).as(started.body()).isTrue();
        String id = started.json().path("id").asText();
        String link = mail.awaitActionLink(email("pam"), VERIFY_LINK);
        String code = HelpdeskCallerPage.passAndReadCode(server, realm.name(), link);
        assertThat(arthur.code(id, code).state()).isEqualTo("code_confirmed");

        assertThat(arthur.reset(id).error()).isEqualTo("approval_required");
        assertThat(arthur.approve(id).error()).as("approving the own request").isEqualTo("own_request");
        assertThat(helen.approve(id).error()).as("a verifier without the approver role").isEqualTo("forbidden");
        assertThat(alma.approve(id).state()).isEqualTo("approved");
        assertThat(alma.approve(id).error()).as("approving twice").isEqualTo("wrong_state");
        assertThat(alma.reset(id).status()).as("the approver does not issue it").isEqualTo(404);
        assertThat(arthur.reset(id).state()).isEqualTo("reset_issued");
        mail.awaitActionLink(email("pam"), RESET_LINK);
        arthur.assertNeverReceived(link, code);
        alma.assertNeverReceived(link, code);
    }

    @Test
    @DisplayName("Given helen and arthur start a verification for rosa at the same moment, then exactly one wins, "
            + "the other is refused, and the loser can neither read nor answer the winner's request")
    void twoAgentsRaceForOneUser() throws Exception {
        HelpdeskApi arthur = HelpdeskApi.signIn(server, realm.name(), "arthur", "arthur");
        String rosa = userId("rosa");
        CompletableFuture<HelpdeskApi.Answer> first = CompletableFuture.supplyAsync(() -> helen.start(rosa,
                "INC-9101"));
        CompletableFuture<HelpdeskApi.Answer> second = CompletableFuture.supplyAsync(() -> arthur.start(rosa,
                "INC-9102"));
        List<HelpdeskApi.Answer> answers = List.of(first.get(2, TimeUnit.MINUTES), second.get(2, TimeUnit.MINUTES));

        assertThat(answers).extracting(HelpdeskApi.Answer::status).containsExactlyInAnyOrder(200, 429);
        HelpdeskApi.Answer won = answers.stream().filter(a -> a.status() == 200).findFirst().orElseThrow();
        HelpdeskApi winner = won == answers.get(0) ? helen : arthur;
        HelpdeskApi loser = winner == helen ? arthur : helen;
        String id = won.json().path("id").asText();
        assertThat(loser.code(id, "123456").status()).as("answering another agent's request").isEqualTo(404);
        assertThat(loser.cancel(id).status()).isEqualTo(404);
        assertThat(winner.status(id).state()).isEqualTo("requested");
        assertThat(winner.cancel(id).state()).isEqualTo("cancelled");
    }

    private String userId(String username) {
        return HelpdeskStories.userId(admin, realm.name(), username);
    }
}
