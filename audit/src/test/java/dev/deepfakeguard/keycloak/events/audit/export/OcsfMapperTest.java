package dev.deepfakeguard.keycloak.events.audit.export;

import dev.deepfakeguard.keycloak.audit.format.Json;
import dev.deepfakeguard.keycloak.audit.format.JsonSyntaxException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OcsfMapperTest {

    private static final OcsfMapper.Position CHAINED = new OcsfMapper.Position("kc-1", "e-1", 42L, "ab".repeat(32));
    private static final OcsfMapper.Position PENDING = new OcsfMapper.Position("kc-1", null, null, null);

    @Test
    void aDeniedSignInIsAFailedAuthenticationWithOurFieldsUnderUnmapped() throws JsonSyntaxException {
        Map<String, Object> body = Json.parseObject("""
                {"type":"user_event","time":1765000000000,"event":{"id":"ev-1","type":"LOGIN_ERROR",
                "userId":"u-1","clientId":"account","sessionId":"s-1","error":"deepfake_suspected"},
                "dfg":{"decision":"deny","livenessScore":9600,"syntheticScore":9900,"scorer":"http",
                "reasons":["synthetic_media"],"flow":"login"}}""");

        Map<String, Object> ocsf = OcsfMapper.map(body, Map.of("userName", "alice", "ipAddress", "192.0.2.7"),
                "acme", CHAINED).orElseThrow();

        assertThat(ocsf).containsEntry("class_uid", 3002L).containsEntry("activity_id", 1L)
                .containsEntry("type_uid", 300201L).containsEntry("category_uid", 3L)
                .containsEntry("status_id", 2L).containsEntry("status_detail", "deepfake_suspected")
                .containsEntry("severity_id", 4L).containsEntry("time", 1765000000000L);
        assertThat(ocsf.get("user")).isEqualTo(Map.of("uid", "u-1", "name", "alice"));
        assertThat(ocsf.get("src_endpoint")).isEqualTo(Map.of("ip", "192.0.2.7"));
        assertThat(((Map<?, ?>) ocsf.get("metadata")).get("uid")).isEqualTo("kc-1/e-1/42");
        assertThat((Map<String, Object>) ocsf.get("unmapped")).containsEntry("dfg_decision", "deny")
                .containsEntry("dfg_liveness_score", 9600L).containsEntry("dfg_synthetic_score", 9900L)
                .containsEntry("dfg_realm", "acme").containsEntry("dfg_audit_hash", "ab".repeat(32))
                .containsEntry("dfg_chained", true).containsEntry("dfg_keycloak_event_type", "LOGIN_ERROR");
        assertThat(ocsf.keySet()).noneMatch(key -> key.startsWith("dfg"));
    }

    @Test
    void aStepUpIsAnAuthenticationThatAsksForMoreFactors() throws JsonSyntaxException {
        Map<String, Object> body = Json.parseObject("""
                {"type":"user_event","time":5,"event":{"type":"LOGIN","userId":"u-1"},"dfg":{"decision":"step_up"}}""");

        Map<String, Object> ocsf = OcsfMapper.map(body, Map.of(), "acme", PENDING).orElseThrow();

        assertThat(ocsf).containsEntry("status_id", 1L).containsEntry("is_mfa", true);
        assertThat((Map<String, Object>) ocsf.get("unmapped")).containsEntry("dfg_chained", false)
                .doesNotContainKey("dfg_audit_hash");
    }

    @Test
    void aLockIsAnAccountChangeLock() throws JsonSyntaxException {
        Map<String, Object> body = Json.parseObject("""
                {"type":"user_event","time":5,"event":{"type":"LOGIN_ERROR","userId":"u-1","error":"liveness_locked"},
                "dfg":{"other":{"dfg_lock_action":"locked","dfg_lock_level":"temporary"}}}""");

        Map<String, Object> ocsf = OcsfMapper.map(body, Map.of(), "acme", CHAINED).orElseThrow();

        assertThat(ocsf).containsEntry("class_uid", 3001L).containsEntry("activity_id", 9L)
                .containsEntry("type_uid", 300109L);
        assertThat((Map<String, Object>) ocsf.get("unmapped")).containsEntry("dfg_lock_level", "temporary");
    }

    @Test
    void aPasswordResetIsAnAccountChange() throws JsonSyntaxException {
        Map<String, Object> body = Json.parseObject("""
                {"type":"user_event","time":5,"event":{"type":"RESET_PASSWORD","userId":"u-1"},"dfg":{}}""");

        assertThat(OcsfMapper.map(body, Map.of(), "acme", CHAINED).orElseThrow())
                .containsEntry("class_uid", 3001L).containsEntry("activity_id", 4L);
    }

    @Test
    void anAdminUnlockIsAnAccountChangeUnlockByTheAdmin() throws JsonSyntaxException {
        Map<String, Object> body = Json.parseObject("""
                {"type":"admin_event","time":5,"admin":{"operation":"ACTION","resourceType":"CUSTOM",
                "resourcePath":"deepfake-guard-lockout/users/u-1","by":{"userId":"admin-1","clientId":"admin-cli"}},
                "dfg":{"other":{"dfg_lock_action":"unlocked","dfg_lock_subject":"user"}}}""");

        Map<String, Object> ocsf = OcsfMapper.map(body, Map.of(), "acme", CHAINED).orElseThrow();

        assertThat(ocsf).containsEntry("class_uid", 3001L).containsEntry("activity_id", 12L);
        assertThat(ocsf.get("user")).isEqualTo(Map.of("uid", "u-1"));
        assertThat(((Map<?, ?>) ((Map<?, ?>) ocsf.get("actor")).get("user")).get("uid")).isEqualTo("admin-1");
    }

    @Test
    void otherAdminChangesAreEntityManagement() throws JsonSyntaxException {
        Map<String, Object> body = Json.parseObject("""
                {"type":"admin_event","time":5,"admin":{"operation":"UPDATE","resourceType":"AUTH_EXECUTION",
                "resourcePath":"authentication/executions/x"}}""");

        Map<String, Object> ocsf = OcsfMapper.map(body, Map.of(), "acme", CHAINED).orElseThrow();

        assertThat(ocsf).containsEntry("class_uid", 3004L).containsEntry("activity_id", 3L);
        assertThat(ocsf.get("entity")).isEqualTo(Map.of("type", "AUTH_EXECUTION", "uid", "authentication/executions/x"));
    }

    @Test
    void recordsThatAreNotAboutAPersonOrAChangeHaveNoOcsfClass() throws JsonSyntaxException {
        assertThat(OcsfMapper.map(Json.parseObject("{\"type\":\"epoch_start\",\"time\":5}"), Map.of(), "acme",
                CHAINED)).isEmpty();
        assertThat(OcsfMapper.map(Json.parseObject("{\"type\":\"capture_failure\",\"time\":5}"), Map.of(), "acme",
                CHAINED)).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"livenessScore", "modelVersion", "a", "", "aBC", "a1B",
            "ABc", "aBcD", "lock_action", "x9Y", "\u00e4Bc", "challengeId"})
    void fieldNamesAreSnakeCasedAsTheRegexDid(String camel) {
        assertThat(OcsfMapper.snake(camel)).isEqualTo(camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .toLowerCase(java.util.Locale.ROOT));
    }
}
