package dev.deepfakeguard.keycloak.it;

import static dev.deepfakeguard.keycloak.it.support.HelpdeskStories.ALLOW_SCORE;
import static dev.deepfakeguard.keycloak.it.support.HelpdeskStories.LIVENESS_HELPDESK;
import static dev.deepfakeguard.keycloak.it.support.HelpdeskStories.PASSWORD;
import static dev.deepfakeguard.keycloak.it.support.HelpdeskStories.RESET_LINK;
import static dev.deepfakeguard.keycloak.it.support.HelpdeskStories.VERIFY_LINK;
import static dev.deepfakeguard.keycloak.it.support.HelpdeskStories.email;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.ExampleRealm;
import dev.deepfakeguard.keycloak.it.support.HelpdeskApi;
import dev.deepfakeguard.keycloak.it.support.HelpdeskCallerPage;
import dev.deepfakeguard.keycloak.it.support.HelpdeskStories;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LockoutApi;
import dev.deepfakeguard.keycloak.it.support.MailBox;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.MetricsScrape;
import dev.deepfakeguard.keycloak.it.support.MonitoringFiles;
import dev.deepfakeguard.keycloak.it.support.NextStep;
import dev.deepfakeguard.keycloak.it.support.OtpDevice;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.Poll;
import dev.deepfakeguard.keycloak.it.support.RelyingParty;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.TotpEnrolmentPage;
import dev.deepfakeguard.keycloak.it.support.UpdatePasswordPage;

/**
 * The helpdesk's safeguards around the reset on the demo realm with a real SMTP server: the request ends as done
 * once the user sets a password, the user hears of the reset, a recent change of the e-mail address blocks the
 * verification, failed and reported verifications count in the lockout, and an old link is refused.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpdeskSafeguardsIT {

    private static final Duration LISTENER = Duration.ofSeconds(60);
    private static final String LINK_TTL = "deepfake-guard.helpdesk.linkTtlSeconds";
    private static final String REENROL_OTP = "deepfake-guard.helpdesk.reenrolOtp";

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();
    private final MailBox mail = new MailBox();
    private ManagedRealm realm;
    private HelpdeskApi helen;

    HelpdeskSafeguardsIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void importDemoRealm() {
        ExampleRealm example = HelpdeskStories.demoRealm("dfg-helpdesk-safeguards", scorer.url(), mail.port());
        for (String target : List.of("dana", "cora", "lena", "remy", "exa", "otto")) {
            example.addUser(target, PASSWORD);
        }
        example.otp("otto", new OtpDevice("it-helpdesk-old-app-of-otto"));
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
    @DisplayName("Given helen issued dana's reset, then dana is told by e-mail whom to contact if it was not her, and "
            + "once she sets a new password from the reset e-mail the request is done, an admin event and a count")
    void resetIsNotifiedAndCompleted() {
        String id = helen.start(userId("dana"), "INC-1101").json().path("id").asText();
        String code = HelpdeskCallerPage.passAndReadCode(server, realm.name(),
                mail.awaitActionLink(email("dana"), VERIFY_LINK));
        assertThat(helen.code(id, code).state()).isEqualTo("code_confirmed");
        assertThat(helen.reset(id).state()).isEqualTo("reset_issued");

        String notice = Poll.until(Duration.ofSeconds(60), () -> mail.messagesTo(email("dana")).stream()
                        .map(MailBox::subjectAndText).filter(text -> text.contains("helpdesk reset your password"))
                        .findFirst())
                .orElseThrow(() -> new AssertionError("no reset notice to dana"));
        assertThat(notice).contains("INC-1101").contains("did not call the helpdesk").contains("security team")
                .doesNotContain("action-token");

        String resetLink = mail.awaitActionLink(email("dana"), RESET_LINK);
        Page updated = UpdatePasswordPage.expect(openResetLink(resetLink)).setPassword("It-Helpdesk-New-2!").page();
        assertThat(UpdatePasswordPage.isShown(updated)).as(updated.describe()).isFalse();
        Optional<String> done = Poll.until(LISTENER, () -> Optional.of(helen.status(id).state())
                .filter("done"::equals));
        assertThat(done).as("state after dana set her password").contains("done");
        assertThat(HelpdeskStories.stateEvents(admin, realm.name(), id)).endsWith("reset_issued", "done");
        helen.assertNeverReceived(resetLink, code);
        MetricsScrape metrics = MetricsScrape.of(server);
        for (String outcome : List.of("reset_issued", "done")) {
            assertThat(metrics.sum("dfg_helpdesk_verifications_total", Map.of("realm", realm.name(),
                    "outcome", outcome))).as(outcome).isGreaterThanOrEqualTo(1);
        }
        Set<String> shipped = MonitoringFiles.metricNames();
        shipped.removeIf(MonitoringFiles.HELPDESK.negate());
        assertThat(shipped).as("helpdesk metrics of the shipped dashboard and alert rules").isNotEmpty();
        assertThat(metrics.names()).as("series on /metrics").containsAll(shipped);
    }

    @Test
    @DisplayName("Given an administrator just changed cora's e-mail address, when helen starts a verification, then "
            + "it is refused as a recent change and no link is sent; changing the address back does not lift it")
    void recentAddressChangeBlocks() {
        String cora = userId("cora");
        admin.updateUser(realm.name(), cora, address("cora.new@it.deepfake-guard.dev"));

        HelpdeskApi.Answer refused = helen.start(cora, "INC-1202");

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("contact_changed_recently");
        admin.updateUser(realm.name(), cora, address(email("cora")));
        assertThat(helen.start(cora, "INC-1203").error()).as("after changing the address back")
                .isEqualTo("contact_changed_recently");
        assertThat(mail.messagesTo("cora.new@it.deepfake-guard.dev")).isEmpty();
        assertThat(mail.messagesTo(email("cora"))).isEmpty();
        assertThat(HelpdeskStories.refusals(admin, realm.name(), userId("helen")))
                .contains("contact_changed_recently");
    }

    @Test
    @DisplayName("Given the realm locks a user after 3 failures, when helen enters a wrong code three times for "
            + "lena, then the lockout listener locks lena")
    void wrongCodesLockTheUser() {
        LockoutApi lockout = new LockoutApi(admin, realm.name());
        lockout.putConfig(Map.of("maxFailures", 3));
        String lena = userId("lena");
        String id = helen.start(lena, "INC-1303").json().path("id").asText();
        String code = HelpdeskCallerPage.passAndReadCode(server, realm.name(),
                mail.awaitActionLink(email("lena"), VERIFY_LINK));
        String wrong = code.equals("000000") ? "111111" : "000000";

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(helen.code(id, wrong).error()).isEqualTo("wrong_code");
        }

        Optional<JsonNode> locked = Poll.until(LISTENER, () -> Optional.of(lockout.user(lena))
                .filter(user -> user.path("locked").asBoolean()));
        assertThat(locked).as("lena's lockout state").isPresent();
        assertThat(helen.status(id).state()).isEqualTo("code_failed");
    }

    @Test
    @DisplayName("Given remy did not call anyone, when he reports the link, then the report counts as a failure "
            + "against his account in the lockout")
    void reportCountsInTheLockout() {
        String remy = userId("remy");
        helen.start(remy, "INC-1404");
        HelpdeskCallerPage.expect(RelyingParty.demoApp(server, realm.name())
                .open(mail.awaitActionLink(email("remy"), VERIFY_LINK))).notAskedForThis();

        Optional<JsonNode> counted = Poll.until(LISTENER, () -> Optional.of(new LockoutApi(admin, realm.name())
                .user(remy)).filter(user -> user.path("failures").asLong() >= 1));

        assertThat(counted).as("remy's failures in the lockout").isPresent();
    }

    @Test
    @DisplayName("Given the realm's caller links live 2 seconds, when exa opens hers after that, then Keycloak "
            + "refuses it and the request stays where it was")
    void expiredLinkIsRefused() {
        setRealmAttribute(LINK_TTL, "2");
        try {
            String id = helen.start(userId("exa"), "INC-1505").json().path("id").asText();
            String link = mail.awaitActionLink(email("exa"), VERIFY_LINK);
            long expiresAt = MailBox.actionToken(link).path("exp").asLong();
            Poll.until(Duration.ofSeconds(30), () -> System.currentTimeMillis() / 1000 > expiresAt + 1
                    ? Optional.of(true) : Optional.empty()).orElseThrow();

            Page late = RelyingParty.demoApp(server, realm.name()).open(link).page();

            assertThat(HelpdeskCallerPage.isShown(late)).as(late.describe()).isFalse();
            assertThat(late.isLivenessPage()).isFalse();
            assertThat(late.message()).as(late.describe()).isPresent();
            assertThat(helen.status(id).state()).isEqualTo("requested");
            assertThat(helen.cancel(id).state()).isEqualTo("cancelled");
        } finally {
            setRealmAttribute(LINK_TTL, null);
        }
    }

    @Test
    @DisplayName("Given the realm enrols the authenticator app again with a helpdesk reset, when otto completes his "
            + "reset, then his old app stays until he has set up the new one, then only the new one is left")
    void reenrolsTheAuthenticatorApp() {
        setRealmAttribute(REENROL_OTP, "true");
        try {
            String otto = userId("otto");
            String id = helen.start(otto, "INC-1606").json().path("id").asText();
            String code = HelpdeskCallerPage.passAndReadCode(server, realm.name(),
                    mail.awaitActionLink(email("otto"), VERIFY_LINK));
            assertThat(helen.code(id, code).state()).isEqualTo("code_confirmed");
            assertThat(helen.reset(id).state()).isEqualTo("reset_issued");
            String resetLink = mail.awaitActionLink(email("otto"), RESET_LINK);
            assertThat(MailBox.actionToken(resetLink).path("rqac").toString()).contains("UPDATE_PASSWORD",
                    "CONFIGURE_TOTP");

            // Keycloak asks for the authenticator app before the password (its required actions' priority).
            TotpEnrolmentPage enrolment = TotpEnrolmentPage.expect(openResetLink(resetLink));
            assertThat(otpLabels(otto)).as("before the new app is set up").containsExactly("it authenticator app");

            UpdatePasswordPage newPassword = UpdatePasswordPage.expect(enrolment.enrol(enrolment.device(),
                    "new app"));
            Page updated = newPassword.setPassword("It-Helpdesk-New-3!").page();

            assertThat(UpdatePasswordPage.isShown(updated)).as(updated.describe()).isFalse();
            assertThat(Poll.until(LISTENER, () -> Optional.of(helen.status(id).state()).filter("done"::equals)))
                    .as("otto's request after the reset").isPresent();
            Optional<List<String>> left = Poll.until(LISTENER, () -> Optional.of(otpLabels(otto))
                    .filter(labels -> labels.equals(List.of("new app"))));
            assertThat(left).as("otto's authenticator apps: %s", otpLabels(otto)).isPresent();
        } finally {
            setRealmAttribute(REENROL_OTP, null);
        }
    }

    /** Opens the reset e-mail's link in a fresh browser and proceeds past Keycloak's "perform these actions" page. */
    private NextStep openResetLink(String resetLink) {
        RelyingParty app = RelyingParty.demoApp(server, realm.name());
        Page info = app.open(resetLink).page();
        org.jsoup.nodes.Element proceed = info.document().selectFirst("a[href*=action-token]");
        assertThat(proceed).as(info.describe()).isNotNull();
        return app.open(proceed.absUrl("href"));
    }

    private List<String> otpLabels(String userId) {
        List<String> labels = new java.util.ArrayList<>();
        for (JsonNode credential : admin.call("GET", "/admin/realms/" + realm.name() + "/users/" + userId
                + "/credentials", null, 200)) {
            if ("otp".equals(credential.path("type").asText())) {
                labels.add(credential.path("userLabel").asText());
            }
        }
        return labels;
    }

    private void setRealmAttribute(String key, String value) {
        ObjectNode representation = (ObjectNode) admin.realm(realm.name());
        ObjectNode attributes = representation.withObject("/attributes");
        if (value == null) {
            attributes.remove(key);
        } else {
            attributes.put(key, value);
        }
        admin.call("PUT", "/admin/realms/" + realm.name(), representation, 204);
    }

    private static ObjectNode address(String email) {
        ObjectNode changes = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        return changes.put("email", email).put("emailVerified", true);
    }

    private String userId(String username) {
        return HelpdeskStories.userId(admin, realm.name(), username);
    }
}
