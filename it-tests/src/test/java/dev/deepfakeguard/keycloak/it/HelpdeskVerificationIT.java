package dev.deepfakeguard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import static dev.deepfakeguard.keycloak.it.support.HelpdeskStories.ALLOW_SCORE;
import static dev.deepfakeguard.keycloak.it.support.HelpdeskStories.LIVENESS_HELPDESK;
import static dev.deepfakeguard.keycloak.it.support.HelpdeskStories.PASSWORD;
import static dev.deepfakeguard.keycloak.it.support.HelpdeskStories.RESET_LINK;
import static dev.deepfakeguard.keycloak.it.support.HelpdeskStories.VERIFY_LINK;
import static dev.deepfakeguard.keycloak.it.support.HelpdeskStories.email;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.ExampleRealm;
import dev.deepfakeguard.keycloak.it.support.HelpdeskApi;
import dev.deepfakeguard.keycloak.it.support.HelpdeskCallerPage;
import dev.deepfakeguard.keycloak.it.support.HelpdeskStories;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.MailBox;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.NextStep;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.RelyingParty;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;

/**
 * The helpdesk-verified reset on the demo realm with a real SMTP server: an agent starts a verification through the
 * helpdesk API, the caller opens the link from the e-mail, passes the liveness check and reads the code back, and
 * the reset goes to the user's own e-mail. The agent only ever sees states.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpdeskVerificationIT {

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();
    private final MailBox mail = new MailBox();
    private ManagedRealm realm;
    private HelpdeskApi helen;

    HelpdeskVerificationIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void importDemoRealm() {
        ExampleRealm example = HelpdeskStories.demoRealm("dfg-helpdesk", scorer.url(), mail.port())
                .addUser("ivan", PASSWORD)
                .clientRoles("ivan", HelpdeskApi.CLIENT, "helpdesk-verifier");
        for (String target : List.of("dora", "rita", "walt", "ulla", "nina", "liam", "fred")) {
            example.addUser(target, PASSWORD);
        }
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
    @DisplayName("Given dora calls the helpdesk, when helen starts a verification, dora passes the check from the "
            + "e-mail link and reads the code back, then helen can issue the reset, which goes only to dora's e-mail")
    void happyPath() {
        HelpdeskApi.Answer found = helen.users("dora");
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        JsonNode dora = found.json().get(0);
        assertThat(dora.path("channels").get(0).path("masked").asText()).isEqualTo("d…@i….dev");
        assertThat(found.body()).doesNotContain("dora@it.deepfake-guard.dev");

        HelpdeskApi.Answer started = helen.start(dora.path("id").asText(), "INC-1001");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String id = started.json().path("id").asText();
        assertThat(started.state()).isEqualTo("requested");

        String link = mail.awaitActionLink(email("dora"), VERIFY_LINK);
        RelyingParty caller = RelyingParty.demoApp(server, realm.name());
        HelpdeskCallerPage intro = HelpdeskCallerPage.expect(caller.open(link));
        assertThat(intro.who()).contains("Helen Helpdesk").contains("INC-1001");
        assertThat(helen.status(id).state()).isEqualTo("link_opened");

        Page codePage = passLiveness(intro.startCheck().asLiveness()).page();
        String code = HelpdeskCallerPage.code(codePage).orElseThrow(() -> new AssertionError(codePage.describe()));
        assertThat(code).hasSize(6);
        assertThat(helen.status(id).state()).isEqualTo("liveness_passed");

        assertThat(helen.reset(id).error()).as("no reset before the code").isEqualTo("wrong_state");
        assertThat(helen.code(id, code).state()).isEqualTo("code_confirmed");
        HelpdeskApi.Answer reset = helen.reset(id);
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(reset.state()).isEqualTo("reset_issued");

        String resetLink = mail.awaitActionLink(email("dora"), RESET_LINK);
        JsonNode resetToken = MailBox.actionToken(resetLink);
        assertThat(resetToken.path("sub").asText()).isEqualTo(dora.path("id").asText());
        assertThat(resetToken.path("rqac").toString()).contains("UPDATE_PASSWORD");
        helen.assertNeverReceived(link, resetLink, code);
        assertThat(helen.reset(id).status()).as("a second reset").isEqualTo(409);
        assertThat(stateEvents(id)).containsSubsequence("requested", "link_opened", "liveness_passed",
                "code_confirmed", "reset_issued");
    }

    @Test
    @DisplayName("Given rita did not call anyone, when she opens the link and chooses 'I did not ask for this', then "
            + "the request ends as reported, no code is shown and the link cannot be used again")
    void callerReports() {
        String id = helen.start(userId("rita"), "INC-2002").json().path("id").asText();
        String link = mail.awaitActionLink(email("rita"), VERIFY_LINK);

        Page reported = HelpdeskCallerPage.expect(RelyingParty.demoApp(server, realm.name()).open(link))
                .notAskedForThis().page();

        assertThat(reported.document().body().text()).as(reported.describe()).contains("security team");
        assertThat(HelpdeskCallerPage.code(reported)).isEmpty();
        assertThat(reported.isLivenessPage()).isFalse();
        assertThat(helen.status(id).state()).isEqualTo("reported");
        Page again = RelyingParty.demoApp(server, realm.name()).open(link).page();
        assertThat(HelpdeskCallerPage.isShown(again)).as(again.describe()).isFalse();
        assertThat(again.isLivenessPage()).isFalse();
        assertThat(helen.reset(id).status()).isEqualTo(409);
    }

    @Test
    @DisplayName("Given walt passed the check, when helen enters a wrong code three times, then the request ends and "
            + "even the right code no longer confirms it")
    void threeWrongCodesEndTheRequest() {
        String id = helen.start(userId("walt"), "INC-3003").json().path("id").asText();
        String code = HelpdeskCallerPage.passAndReadCode(server, realm.name(),
                mail.awaitActionLink(email("walt"), VERIFY_LINK));
        String wrong = code.equals("000000") ? "111111" : "000000";

        for (int attempt = 1; attempt <= 3; attempt++) {
            HelpdeskApi.Answer answer = helen.code(id, wrong);
            assertThat(answer.status()).as(answer.body()).isEqualTo(409);
            assertThat(answer.error()).isEqualTo("wrong_code");
        }

        assertThat(helen.status(id).state()).isEqualTo("code_failed");
        assertThat(helen.code(id, code).error()).isEqualTo("wrong_state");
        assertThat(helen.reset(id).error()).isEqualTo("wrong_state");
    }

    @Test
    @DisplayName("Given ulla's link was opened once, when it is opened again in another browser, then Keycloak "
            + "refuses it and the request is not moved; a second open request for ulla is refused")
    void reusedLinkIsRefused() {
        String id = helen.start(userId("ulla"), "INC-4004").json().path("id").asText();
        String link = mail.awaitActionLink(email("ulla"), VERIFY_LINK);
        HelpdeskCallerPage.expect(RelyingParty.demoApp(server, realm.name()).open(link));

        Page again = RelyingParty.demoApp(server, realm.name()).open(link).page();

        assertThat(HelpdeskCallerPage.isShown(again)).as(again.describe()).isFalse();
        assertThat(again.isLivenessPage()).isFalse();
        assertThat(again.message()).as(again.describe()).isPresent();
        assertThat(helen.status(id).state()).isEqualTo("link_opened");
        HelpdeskApi.Answer second = helen.start(userId("ulla"), "INC-4005");
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.error()).isEqualTo("user_has_open_request");
        assertThat(helen.cancel(id).state()).isEqualTo("cancelled");
    }

    @Test
    @DisplayName("Given ivan holds the verifier role but may not manage users, when he looks up nina, starts a "
            + "verification for her or reads helen's request, then nothing is found, no e-mail is sent and each "
            + "refusal is an admin event")
    void agentWithoutPermission() {
        HelpdeskApi ivan = HelpdeskApi.signIn(server, realm.name(), "ivan", PASSWORD);
        String helensRequest = helen.start(userId("nina"), "INC-5005").json().path("id").asText();
        int mailsBefore = mail.messagesTo(email("nina")).size();

        assertThat(ivan.users("nina").json()).isEmpty();
        HelpdeskApi.Answer start = ivan.start(userId("nina"), "INC-5006");
        assertThat(start.status()).as(start.body()).isEqualTo(404);
        assertThat(ivan.status(helensRequest).status()).isEqualTo(404);
        assertThat(ivan.cancel(helensRequest).status()).isEqualTo(404);
        assertThat(ivan.status("00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
        assertThat(HelpdeskApi.anonymous(server, realm.name()).status(helensRequest).status()).isEqualTo(401);
        assertThat(mail.messagesTo(email("nina"))).hasSize(mailsBefore);
        JsonNode refusals = admin.call("GET", "/admin/realms/" + realm.name()
                + "/admin-events?resourceTypes=CUSTOM&authUser=" + userId("ivan"), null, 200);
        assertThat(refusals).extracting(e -> e.path("details").path("dfg_helpdesk_refused").asText())
                .as("an admin event for each refusal, with ivan as actor").containsOnly("not_found").hasSize(4);
        assertThat(helen.cancel(helensRequest).state()).isEqualTo("cancelled");
    }

    @Test
    @DisplayName("Given helen already started three verifications for liam today, when she starts a fourth, then it "
            + "is refused as over the user's daily limit")
    void userDailyLimit() {
        for (int i = 1; i <= 3; i++) {
            HelpdeskApi.Answer started = helen.start(userId("liam"), "INC-700" + i);
            assertThat(started.status()).as(started.body()).isEqualTo(200);
            assertThat(helen.cancel(started.json().path("id").asText()).state()).isEqualTo("cancelled");
        }

        HelpdeskApi.Answer fourth = helen.start(userId("liam"), "INC-7004");

        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.error()).isEqualTo("user_daily_limit");
    }

    @Test
    @DisplayName("Given fred's check is scored as not live, when he has used all attempts, then the request ends "
            + "as liveness failed and no code is ever shown")
    void livenessFailedEndsTheRequest() {
        String id = helen.start(userId("fred"), "INC-8008").json().path("id").asText();
        String link = mail.awaitActionLink(email("fred"), VERIFY_LINK);
        LivenessPage liveness = HelpdeskCallerPage.expect(RelyingParty.demoApp(server, realm.name()).open(link))
                .startCheck().asLiveness();
        scorer.scores(1500, 300);
        try {
            Page last = null;
            for (int attempt = 1; attempt <= 3; attempt++) {
                NextStep next = passLiveness(liveness);
                last = next.page();
                assertThat(HelpdeskCallerPage.code(last)).as(last.describe()).isEmpty();
                if (attempt < 3) {
                    liveness = next.asLiveness();
                }
            }
            assertThat(last.isLivenessPage()).as(last.describe()).isFalse();
        } finally {
            scorer.scores(ALLOW_SCORE, 200);
        }
        assertThat(helen.status(id).state()).isEqualTo("liveness_failed");
        assertThat(helen.code(id, "123456").error()).isEqualTo("wrong_state");
    }

    private List<String> stateEvents(String requestId) {
        return HelpdeskStories.stateEvents(admin, realm.name(), requestId);
    }

    private String userId(String username) {
        return HelpdeskStories.userId(admin, realm.name(), username);
    }

    private static NextStep passLiveness(LivenessPage liveness) {
        return HelpdeskCallerPage.passLiveness(liveness);
    }
}
