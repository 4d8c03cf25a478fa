package dev.deepfakeguard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.LockoutRealm;
import dev.deepfakeguard.keycloak.it.support.LoginDriver;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.Poll;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * A compliance lead asks each realm for its report: a realm set up as the docs say shows its liveness step with the
 * step-up route, texts for every locale and the lockout thresholds; a realm with the usual mistakes shows each as a
 * flag. The page reads the same, escaped, and nobody without an admin token gets either.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplianceReportIT {

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();

    ComplianceReportIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @AfterAll
    void stopScorer() {
        scorer.close();
    }

    @Test
    @DisplayName("Given a realm configured as documented and one decision made, then the report shows the step, its "
            + "scorer and that scorer's model version, where a STEP_UP leads, the texts and the thresholds, and flags "
            + "nothing about the realm itself")
    void wellConfiguredRealm() {
        ObjectNode representation = LockoutRealm.build("dfg-compliance-ok", scorer.url(),
                java.util.Map.of("maxFailures", 4));
        locales(representation, "en", "de");
        try (ManagedRealm realm = admin.createRealm(representation)) {
            assertThat(report(realm).path("livenessSteps")).as("no decision yet, so no model version to show")
                    .allSatisfy(step -> assertThat(step.path("modelVersion").isTextual()).isFalse());
            scorer.scores(9600, 9900);
            LivenessPage page = new LoginDriver(server, realm.name()).openLiveness();
            page.submitNow(Submission.of(page, SyntheticFrames.following(page.challenge(), 1414)));

            JsonNode report = Poll.until(Duration.ofSeconds(60), () -> Optional.of(report(realm))
                    .filter(r -> r.path("livenessSteps").findValuesAsText("modelVersion").contains("stand-in-1")))
                    .orElseThrow(() -> new AssertionError("the decision's model version never showed"));

            assertThat(report.path("livenessSteps")).anySatisfy(step -> {
                assertThat(step.path("boundAs").asText()).isEqualTo("browser");
                assertThat(step.path("requirement").asText()).isEqualTo("REQUIRED");
                assertThat(step.path("stepUpRoute").asBoolean()).isTrue();
                assertThat(step.path("stepUpLeadsTo")).isNotEmpty();
                assertThat(step.path("settings").path("dfg.scorer").asText()).isEqualTo("http");
                assertThat(step.path("scorer").asText()).isEqualTo("http");
                assertThat(step.path("modelVersion").asText()).isEqualTo("stand-in-1");
            });
            assertThat(report.path("locales").findValuesAsText("locale")).containsExactly("de", "en");
            assertThat(report.path("locales")).allSatisfy(text -> {
                assertThat(text.path("disclosure").asBoolean()).isTrue();
                assertThat(text.path("consent").asBoolean()).isTrue();
            });
            assertThat(report.path("lockoutListenerEnabled").asBoolean()).isTrue();
            assertThat(report.path("lockout").path("deepfake-guard.lockout.maxFailures").asText()).isEqualTo("4");
            assertThat(report.path("audit").path("keyId").asText()).isNotEmpty();
            assertThat(report.path("audit").path("lastCheckpointAt").asLong()).isPositive();
            assertThat(report.path("mediaRetention").asText()).startsWith("none");
            assertThat(codes(report)).doesNotContain("step_up_without_route", "locale_without_disclosure",
                    "lockout_off", "no_liveness_in_use", "liveness_not_required", "theme_without_liveness_page");
        }
    }

    @Test
    @DisplayName("Given a realm with a locale without texts, a step-up route before the check, an ALTERNATIVE "
            + "liveness step and no lockout listener, then each is flagged, on the page too")
    void misconfiguredRealmIsFlagged() throws IOException, InterruptedException {
        ObjectNode representation = RealmBuilder.named("dfg-compliance-bad").riskBeforeLiveness().build();
        locales(representation, "en", "fr");
        try (ManagedRealm realm = admin.createRealm(representation)) {
            JsonNode report = report(realm);

            assertThat(codes(report)).contains("step_up_without_route", "locale_without_disclosure", "lockout_off");
            assertThat(report.path("livenessSteps")).allSatisfy(step -> {
                assertThat(step.path("stepUpRoute").asBoolean()).isFalse();
                assertThat(step.path("stepUpLeadsTo")).isEmpty();
            });
            // The test server signs with the key generated at start, as every server without a keystore does.
            assertThat(report.path("audit").path("developmentKey").asBoolean()).isTrue();
            assertThat(report.path("flags")).anySatisfy(flag -> {
                assertThat(flag.path("code").asText()).isEqualTo("audit_development_key");
                assertThat(flag.path("severity").asText()).isEqualTo("error");
            });
            assertThat(report.path("flags")).anySatisfy(flag -> {
                assertThat(flag.path("code").asText()).isEqualTo("locale_without_disclosure");
                assertThat(flag.path("subject").asText()).isEqualTo("fr");
                assertThat(flag.path("severity").asText()).isEqualTo("error");
            });

            String page = admin.text("/admin/realms/" + realm.name() + "/deepfake-guard-compliance/report.html");
            assertThat(page).contains("<h1>Deepfake Guard compliance report: " + realm.name())
                    .contains("locale_without_disclosure").contains("step_up_without_route")
                    .contains("audit_development_key").contains("nowhere: denied");

            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri(
                    "/admin/realms/" + realm.name() + "/deepfake-guard-compliance")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
        }
    }

    @Test
    @DisplayName("Given an ALTERNATIVE liveness step, then it is flagged as not checking everyone")
    void alternativeStepIsFlagged() {
        try (ManagedRealm realm = admin.createRealm(RealmBuilder.named("dfg-compliance-alt")
                .livenessAlternativeTo(RealmBuilder.ALLOW_ACCESS_PROVIDER_ID).build())) {
            assertThat(codes(report(realm))).contains("liveness_not_required");
        }
    }

    private JsonNode report(ManagedRealm realm) {
        return admin.call("GET", "/admin/realms/" + realm.name() + "/deepfake-guard-compliance", null, 200);
    }

    private static List<String> codes(JsonNode report) {
        List<String> codes = new ArrayList<>();
        report.path("flags").forEach(flag -> codes.add(flag.path("code").asText()));
        return codes;
    }

    private static void locales(ObjectNode realm, String... locales) {
        realm.put("internationalizationEnabled", true).put("defaultLocale", locales[0]);
        var supported = realm.putArray("supportedLocales");
        for (String locale : locales) {
            supported.add(locale);
        }
    }
}
