package dev.deepfakeguard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.deepfakeguard.keycloak.audit.verify.ExportVerifier;
import dev.deepfakeguard.keycloak.audit.verify.Report;
import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
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
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * After an incident, a compliance lead exports the evidence of a time window: as the verifiable JSON Lines, and as
 * OCSF events for the SIEM. A window in the future is an empty export that still verifies; a bad window or format is
 * a clear 400 and never a file.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditExportWindowIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();
    private ManagedRealm realm;
    private String userId;
    private long afterSignIn;

    AuditExportWindowIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void signInThenDeepfakeThenLockAndUnlock() {
        realm = admin.createRealm(LockoutRealm.build("dfg-window", scorer.url(),
                Map.of("maxFailures", 2, "sourceMaxFailures", 0)));
        userId = admin.userByUsername(realm.name(), RealmBuilder.USERNAME).orElseThrow().path("id").asText();
        scorer.live();
        assertThat(signIn().isCodeRedirect()).isTrue();
        afterSignIn = System.currentTimeMillis() + 1;
        scorer.scores(9600, 9900);
        LivenessPage page = new LoginDriver(server, realm.name()).openLiveness();
        page = page.submitNow(Submission.of(page, SyntheticFrames.following(page.challenge(), 6001))).asLiveness();
        page.submitNow(Submission.of(page, SyntheticFrames.following(page.challenge(), 6002)));
        LockoutApi lockout = new LockoutApi(admin, realm.name());
        assertThat(lockout.user(userId).path("locked").asBoolean()).isTrue();
        lockout.unlockUser(userId);
    }

    @AfterAll
    void cleanUp() {
        realm.close();
        scorer.close();
    }

    @Test
    @DisplayName("Given sign-ins, suspected deepfakes, a lock and an unlock, then the OCSF export has them as "
            + "Authentication 3002 and Account Change 3001, with Deepfake Guard's fields under unmapped")
    void ocsfExportMapsDecisionsLocksAndUnlocks() {
        List<JsonNode> events = ocsf("");

        assertThat(events).filteredOn(e -> e.path("class_uid").asInt() == 3002 && e.path("status_id").asInt() == 1)
                .singleElement().satisfies(e -> {
                    assertThat(e.path("user").path("uid").asText()).isEqualTo(userId);
                    assertThat(e.path("unmapped").path("dfg_decision").asText()).isEqualTo("allow");
                    assertThat(e.path("metadata").path("uid").asText()).isNotEmpty();
                    assertThat(e.path("unmapped").path("dfg_audit_hash").asText()).hasSize(64);
                });
        assertThat(events).filteredOn(e -> "deepfake_suspected".equals(e.path("status_detail").asText()))
                .hasSize(2).allSatisfy(e -> {
                    assertThat(e.path("class_uid").asInt()).isEqualTo(3002);
                    assertThat(e.path("type_uid").asInt()).isEqualTo(300201);
                    assertThat(e.path("unmapped").path("dfg_reasons").toString()).contains("synthetic_media");
                });
        assertThat(events).filteredOn(e -> e.path("type_uid").asInt() == 300109).singleElement()
                .satisfies(e -> assertThat(e.path("user").path("uid").asText()).isEqualTo(userId));
        assertThat(events).filteredOn(e -> e.path("type_uid").asInt() == 300112).singleElement()
                .satisfies(e -> assertThat(e.path("user").path("uid").asText()).isEqualTo(userId));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.path("unmapped").path("dfg_realm").asText()).isEqualTo(realm.name());
            assertThat(e.path("metadata").path("version").asText()).isEqualTo("1.1.0");
            e.fieldNames().forEachRemaining(name -> assertThat(name).doesNotStartWith("dfg"));
        });
    }

    @Test
    @DisplayName("Given a window that starts after the successful sign-in (ISO-8601), then the OCSF export holds only "
            + "what followed, and the JSON Lines export of the same window verifies")
    void windowSelectsByTime() {
        String from = URLEncoder.encode(Instant.ofEpochMilli(afterSignIn).toString(), StandardCharsets.UTF_8);

        List<JsonNode> events = ocsf("&from=" + from);
        Report report = verify(admin.text(exportPath() + "?from=" + from));

        assertThat(events).isNotEmpty().noneMatch(e -> e.path("class_uid").asInt() == 3002
                && e.path("status_id").asInt() == 1);
        assertThat(events).allMatch(e -> e.path("time").asLong() >= afterSignIn - 1000);
        assertThat(report.exitCode()).as(String.join("\n", report.findings())).isEqualTo(Report.VALID);
    }

    @Test
    @DisplayName("Given a window with no records, then both exports are empty but valid: the JSON Lines verifies")
    void emptyWindowIsAValidExport() {
        long from = System.currentTimeMillis() + 3_600_000;
        String window = "?from=" + from + "&to=" + (from + 60_000);

        String jsonl = admin.text(exportPath() + window);
        String ocsf = admin.text(exportPath() + window + "&format=ocsf");

        assertThat(ocsf).isEmpty();
        Report report = verify(jsonl);
        assertThat(report.records()).isZero();
        assertThat(report.exitCode()).as(String.join("\n", report.findings())).isEqualTo(Report.VALID);
    }

    @ParameterizedTest(name = "Given {0}, then 400 saying {1}")
    @CsvSource(delimiter = '|', value = {
            "from=2000&to=1000 | from must be earlier than to",
            "format=jsonl&from=2000&to=1000 | from must be earlier than to",
            "format=ocsf&from=2000&to=1000 | from must be earlier than to",
            "format=ocsf&from=5000&to=5000 | from must be earlier than to",
            "from=yesterday | from must be epoch milliseconds or an ISO-8601 date-time",
            "format=jsonl&from=yesterday | from must be epoch milliseconds or an ISO-8601 date-time",
            "format=ocsf&from=yesterday | from must be epoch milliseconds or an ISO-8601 date-time",
            "to=2026-12-06 | to must be epoch milliseconds or an ISO-8601 date-time",
            "format=ocsf&to=2026-12-06 | to must be epoch milliseconds or an ISO-8601 date-time",
            "format=ocsf&to=99999999999999999999 | to must be epoch milliseconds or an ISO-8601 date-time",
            "from=-1 | from must be epoch milliseconds",
            "format=ocsf&from=-1 | from must be epoch milliseconds",
            "format=xml | format must be jsonl or ocsf",
            "format=xml&from=2000&to=1000 | format must be jsonl or ocsf",
            "format=OCSF%3Cscript%3E | format must be jsonl or ocsf"})
    void badInputIsAClear400(String query, String message) {
        HttpResponse<String> response = admin.exchangeRaw("GET", exportPath() + "?" + query, null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains(message).doesNotContain("<script>").doesNotContain("Exception")
                .doesNotContain("\"kind\"");
    }

    private Page signIn() {
        LivenessPage page = new LoginDriver(server, realm.name()).openLiveness();
        return page.submitNow(Submission.of(page, SyntheticFrames.following(page.challenge(), 4242))).page();
    }

    private String exportPath() {
        return "/admin/realms/" + realm.name() + "/deepfake-guard-audit/export";
    }

    private List<JsonNode> ocsf(String query) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : admin.text(exportPath() + "?format=ocsf" + query).split("\n")) {
            if (!line.isBlank()) {
                try {
                    events.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("not JSON: " + line, e);
                }
            }
        }
        return events;
    }

    private static Report verify(String export) {
        try {
            return ExportVerifier.verify(new BufferedReader(new StringReader(export)), Set.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
