package dev.deepfakeguard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.deepfakeguard.keycloak.audit.chain.AuditSigningKey;
import dev.deepfakeguard.keycloak.audit.format.Checkpoint;
import dev.deepfakeguard.keycloak.audit.format.Fields;
import dev.deepfakeguard.keycloak.audit.format.Json;
import dev.deepfakeguard.keycloak.audit.format.JsonSyntaxException;
import dev.deepfakeguard.keycloak.audit.verify.ExportVerifier;
import dev.deepfakeguard.keycloak.audit.verify.Report;
import dev.deepfakeguard.keycloak.audit.verify.VerifierCli;
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
import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.scoring.http.HttpScorerConfig;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * The signed audit trail on a real Keycloak: logins through the liveness flow and an admin change are recorded,
 * exported and verified offline; every kind of tampering with the export is caught with its own message and exit
 * code.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditIT {

    private static final int LOGINS = 3;
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();
    private ManagedRealm realm;
    private List<String> export;

    AuditIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void recordLoginsAndAnAdminChangeThenExport() {
        realm = admin.createRealm(RealmBuilder.named("dfg-audit")
                .liveness(LivenessConfigKeys.SCORER, LivenessConfigKeys.SCORER_HTTP)
                .liveness(LivenessConfigKeys.FALLBACK, Decision.DENY.value())
                .liveness(HttpScorerConfig.URL, scorer.url())
                .build());
        scorer.live();
        for (int i = 0; i < LOGINS; i++) {
            LivenessPage liveness = new LoginDriver(server, realm.name()).openLiveness();
            Page result = liveness.submit(Submission.of(liveness,
                    SyntheticFrames.following(liveness.challenge(), 5000 + i))).page();
            assertThat(result.isCodeRedirect()).as(result.describe()).isTrue();
        }
        scorer.status(500);
        LivenessPage denied = new LoginDriver(server, realm.name()).openLiveness();
        denied.submit(Submission.of(denied, SyntheticFrames.following(denied.challenge(), 5100))).page();
        String userId = admin.userByUsername(realm.name(), RealmBuilder.USERNAME).orElseThrow().get("id").asText();
        ObjectNode change = new ObjectMapper().createObjectNode().put("firstName", "Alicia");
        admin.updateUser(realm.name(), userId, change);
        weakenClientAndUserProfile();
        export = lines(admin.text("/admin/realms/" + realm.name() + "/deepfake-guard-audit/export"));
    }

    /**
     * What a realm admin could do to get around the guard without touching a flow: let the client skip the browser
     * flow (direct grants), and let users edit the flag that forces the step-up, once through the user profile
     * endpoint and once through the generic components API (where the user profile configuration is stored).
     */
    private void weakenClientAndUserProfile() {
        String base = "/admin/realms/" + realm.name();
        JsonNode client = admin.call("GET", base + "/clients?clientId=" + RealmBuilder.CLIENT_ID, null, 200).get(0);
        ((ObjectNode) client).put("directAccessGrantsEnabled", true);
        admin.call("PUT", base + "/clients/" + client.path("id").asText(), client, 204);
        ObjectNode profile = (ObjectNode) admin.call("GET", base + "/users/profile", null, 200);
        ObjectNode flag = profile.withArray("attributes").addObject();
        flag.put("name", "deepfake-guard.force-step-up");
        flag.putObject("permissions").putArray("view").add("user");
        ((ObjectNode) flag.get("permissions")).putArray("edit").add("user");
        admin.call("PUT", base + "/users/profile", profile, 200);
        JsonNode component = admin.call("GET", base + "/components?type=org.keycloak.userprofile.UserProfileProvider",
                null, 200).get(0);
        admin.call("PUT", base + "/components/" + component.path("id").asText(), component, 204);
    }

    @AfterAll
    void cleanUp() {
        realm.close();
        scorer.close();
    }

    @Test
    @DisplayName("Given logins, a denial and an admin change, then the export holds their records and verifies")
    void exportVerifies() {
        Report report = verify(export);

        assertThat(report.exitCode()).as(String.join("\n", report.findings())).isZero();
        assertThat(recordLines(export, "\"type\":\"LOGIN\"")).hasSize(LOGINS);
        assertThat(recordLines(export, "\"error\":\"liveness_scorer_unavailable\"")).hasSize(1);
        assertThat(recordLines(export, "\"resourceType\":\"USER\"")).isNotEmpty();
        assertThat(recordLines(export, "\"decision\":\"allow\"").get(0)).contains("\"livenessScore\":9600",
                "\"scorer\":\"http\"", "\"personal\":{", "\"userName\":\"alice\"");
        assertThat(report.validCheckpoints()).isEqualTo(report.checkpoints()).isPositive();
    }

    @Test
    @DisplayName("Given a client and the user profile changed by an admin, then the export holds their records and "
            + "verifies")
    void clientAndUserProfileChangesAreRecorded() {
        assertThat(verify(export).exitCode()).isZero();
        assertThat(recordLines(export, "\"resourceType\":\"CLIENT\"")).as("client update").isNotEmpty();
        assertThat(recordLines(export, "\"resourceType\":\"USER_PROFILE\"")).as("user profile update").isNotEmpty();
        assertThat(recordLines(export, "\"resourceType\":\"COMPONENT\"")).as("component update").isNotEmpty();
    }

    @Test
    @DisplayName("Given an admin erases a user's personal data, then it is an admin event and a signed audit record "
            + "naming who, whose and when, with no personal data, and the trail still verifies")
    void erasureIsRecorded() {
        String base = "/admin/realms/" + realm.name();
        ObjectNode events = new ObjectMapper().createObjectNode().put("adminEventsEnabled", true);
        admin.call("PUT", base, events, 204);
        String userId = admin.userByUsername(realm.name(), RealmBuilder.USERNAME).orElseThrow().get("id").asText();

        JsonNode erased = admin.call("DELETE", base + "/deepfake-guard-audit/personal?userId=" + userId, null, 200);

        assertThat(erased.path("erased").asInt()).isPositive();
        List<String> after = lines(admin.text(base + "/deepfake-guard-audit/export"));
        Report report = verify(after);
        assertThat(report.exitCode()).as(String.join("\n", report.findings())).isZero();
        assertThat(report.erasedPersonalParts()).isPositive();
        List<String> erasure = recordLines(after, "\"resourcePath\":\"deepfake-guard-audit/personal/" + userId + "\"");
        assertThat(erasure).hasSize(1);
        String adminId = admin.userByUsername("master", "admin").orElseThrow().get("id").asText();
        assertThat(erasure.get(0)).contains("\"operation\":\"DELETE\"", "\"resourceType\":\"CUSTOM\"",
                "\"userId\":\"" + adminId + "\"", "\"dfg_erased\":\"" + erased.path("erased").asInt() + "\"")
                .doesNotContain("alice");
        JsonNode adminEvents = admin.call("GET", base + "/admin-events?resourceTypes=CUSTOM", null, 200);
        assertThat(adminEvents.findValuesAsText("resourcePath"))
                .contains("deepfake-guard-audit/personal/" + userId);
    }

    @Test
    @DisplayName("Given the export, then the runnable verifier JAR agrees, with exit code 0")
    void runnableJarVerifies(@TempDir Path dir) throws IOException, InterruptedException {
        Path file = Files.write(dir.resolve("audit.jsonl"), export);
        Process process = new ProcessBuilder("java", "-jar", System.getProperty("dfg.it.auditVerifierJar"),
                file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("checkpoints valid", "Export VALID (exit 0)");
    }

    @Test
    void flippedByteIsABadHash() {
        int line = indexOf(export, "\"type\":\"LOGIN\"");
        List<String> tampered = change(export, line, s -> s.replace("\"livenessScore\":9600",
                "\"livenessScore\":9601"));

        assertFinding(tampered, Report.INVALID, "line " + (line + 1) + ": record seq " + seq(export.get(line)),
                "hash does not match its content");
    }

    @Test
    void deletedRecordIsAGap() {
        int line = indexOf(export, "\"type\":\"LOGIN\"");
        List<String> tampered = new ArrayList<>(export);
        tampered.remove(line);

        // A gap, or, when the record ended a checkpoint, a checkpoint whose records are missing.
        assertFinding(tampered, Report.INVALID, "seq " + seq(export.get(line)), "missing");
    }

    @Test
    void swappedRecordsAreReordering() {
        int line = indexOf(export, "\"type\":\"LOGIN\"");
        int next = line + 1;
        while (!export.get(next).startsWith("{\"hash\"")) {
            next++;
        }
        List<String> tampered = new ArrayList<>(export);
        Collections.swap(tampered, line, next);

        assertFinding(tampered, Report.INVALID, "reordering, appears after seq " + seq(export.get(next)));
    }

    @Test
    void truncatedTailIsIncomplete() {
        assertFinding(export.subList(0, export.size() - 2), Report.INCOMPLETE,
                "the export ends without its end line (truncated)");
    }

    @Test
    void changedCheckpointHasABadSignature() {
        int line = indexOf(export, "\"kind\":\"checkpoint\"");
        List<String> tampered = change(export, line, s -> s.replaceFirst("\"time\":(\\d+)", "\"time\":1$1"));

        assertFinding(tampered, Report.INVALID, "line " + (line + 1) + ": checkpoint", "bad signature");
    }

    @Test
    void checkpointSignedWithAnUnknownKeyIsRefused() throws JsonSyntaxException {
        int line = indexOf(export, "\"kind\":\"checkpoint\"");
        AuditSigningKey stranger = AuditSigningKey.generateEd25519();
        Checkpoint original = Checkpoint.fromJson(Fields.object(Json.parseObject(export.get(line)), "checkpoint"));
        Checkpoint forged = new Checkpoint(original.node(), original.epoch(), original.throughSeq(),
                original.headHash(), original.covered(), original.time(), stranger.keyId(), stranger.algorithm());
        String forgedLine = "{\"checkpoint\":" + dev.deepfakeguard.keycloak.audit.format.CanonicalJson.write(
                forged.toJson()) + ",\"kind\":\"checkpoint\",\"signature\":\"" + stranger.sign(forged) + "\"}";

        assertFinding(change(export, line, s -> forgedLine), Report.INVALID,
                "signed with unknown key " + stranger.keyId());
    }

    @Test
    void notJsonIsReportedWithItsLine() {
        List<String> tampered = change(export, 2, s -> s.substring(0, s.length() / 2));

        assertFinding(tampered, Report.INVALID, "line 3: not valid JSON");
    }

    private static void assertFinding(List<String> lines, int exitCode, String... parts) {
        Report report = verify(lines);
        assertThat(report.findings()).as("findings").anyMatch(f -> Arrays.stream(parts).allMatch(f::contains));
        assertThat(report.exitCode()).as(String.join("\n", report.findings())).isEqualTo(exitCode);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(cliExitCode(lines, out)).isEqualTo(exitCode);
    }

    private static int cliExitCode(List<String> lines, ByteArrayOutputStream out) {
        try {
            Path file = Files.createTempFile("dfg-audit-it", ".jsonl");
            Files.write(file, lines);
            int exit = new VerifierCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(out, true, StandardCharsets.UTF_8)).run(file.toString());
            Files.delete(file);
            assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Exception");
            return exit;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Report verify(List<String> lines) {
        try {
            return ExportVerifier.verify(new BufferedReader(new StringReader(String.join("\n", lines))), Set.of());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList());
    }

    private static List<String> recordLines(List<String> lines, String containing) {
        return lines.stream().filter(l -> l.startsWith("{\"hash\"") && l.contains(containing)).toList();
    }

    private static int indexOf(List<String> lines, String containing) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(containing)) {
                return i;
            }
        }
        throw new AssertionError("no export line contains " + containing + ": " + lines);
    }

    private static List<String> change(List<String> lines, int index, UnaryOperator<String> edit) {
        List<String> copy = new ArrayList<>(lines);
        copy.set(index, edit.apply(copy.get(index)));
        return copy;
    }

    private static long seq(String recordLine) {
        Matcher matcher = SEQ.matcher(recordLine);
        if (!matcher.find()) {
            throw new AssertionError("no seq in " + recordLine);
        }
        return Long.parseLong(matcher.group(1));
    }

    @SuppressWarnings("unused")
    private static Map<String, Object> parse(String line) throws JsonSyntaxException {
        return Json.parseObject(line);
    }
}
