package dev.deepfakeguard.keycloak.events.audit;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import org.keycloak.events.Event;
import org.keycloak.events.admin.AdminEvent;

import dev.deepfakeguard.keycloak.audit.format.Digests;
import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.contract.EventDetails;

/**
 * Turns Keycloak events into record bodies. Scores, attempts and thresholds become integers; reasons a list; every
 * other {@code dfg_} detail (e.g. the lockout listener's) is kept as a string. Names, IP addresses and user agents
 * go only into the personal part, which the body references by a salted SHA-256. Strings are capped so that a
 * hostile value cannot blow the row size.
 */
final class RecordBodies {

    static final int MAX_STRING = 256;
    private static final int SALT_BYTES = 16;

    private final SecureRandom random;

    RecordBodies(SecureRandom random) {
        this.random = random;
    }

    CapturedRecord of(Event event, String userAgent) {
        Map<String, Object> keycloak = new TreeMap<>();
        put(keycloak, "id", event.getId());
        put(keycloak, "type", event.getType() == null ? null : event.getType().name());
        put(keycloak, "realmId", event.getRealmId());
        put(keycloak, "clientId", event.getClientId());
        put(keycloak, "userId", event.getUserId());
        put(keycloak, "sessionId", event.getSessionId());
        put(keycloak, "error", event.getError());
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        Map<String, Object> body = new TreeMap<>();
        body.put("type", ExportFormat.TYPE_USER_EVENT);
        body.put("time", event.getTime());
        body.put("event", keycloak);
        body.put("dfg", decision(details));
        Map<String, Object> personal = personal(details.get("username"), event.getIpAddress(), userAgent);
        return finish(event.getRealmId(), event.getUserId(), event.getTime(), body, personal);
    }

    CapturedRecord of(AdminEvent event, String userAgent) {
        Map<String, Object> admin = new TreeMap<>();
        put(admin, "id", event.getId());
        put(admin, "realmId", event.getRealmId());
        put(admin, "operation", event.getOperationType() == null ? null : event.getOperationType().name());
        put(admin, "resourceType", event.getResourceTypeAsString());
        put(admin, "resourcePath", event.getResourcePath());
        put(admin, "error", event.getError());
        String ip = null;
        if (event.getAuthDetails() != null) {
            Map<String, Object> by = new TreeMap<>();
            put(by, "realmId", event.getAuthDetails().getRealmId());
            put(by, "clientId", event.getAuthDetails().getClientId());
            put(by, "userId", event.getAuthDetails().getUserId());
            admin.put("by", by);
            ip = event.getAuthDetails().getIpAddress();
        }
        Map<String, Object> body = new TreeMap<>();
        body.put("type", ExportFormat.TYPE_ADMIN_EVENT);
        body.put("time", event.getTime());
        body.put("admin", admin);
        if (event.getDetails() != null && !event.getDetails().isEmpty()) {
            body.put("dfg", decision(event.getDetails()));
        }
        return finish(event.getRealmId(), null, event.getTime(), body, personal(null, ip, userAgent));
    }

    private static Map<String, Object> decision(Map<String, String> details) {
        Map<String, Object> dfg = new TreeMap<>();
        Map<String, Object> other = new TreeMap<>();
        for (Map.Entry<String, String> detail : details.entrySet()) {
            String key = detail.getKey();
            String value = detail.getValue();
            if (key == null || value == null || !key.startsWith(AuditSelection.DETAIL_PREFIX)) {
                continue;
            }
            switch (key) {
                case EventDetails.DECISION -> put(dfg, "decision", value);
                case EventDetails.LIVENESS_SCORE -> putInteger(dfg, "livenessScore", value, other, key);
                case EventDetails.SYNTHETIC_SCORE -> putInteger(dfg, "syntheticScore", value, other, key);
                case EventDetails.ATTEMPT -> putInteger(dfg, "attempt", value, other, key);
                case EventDetails.SCORER -> put(dfg, "scorer", value);
                case EventDetails.MODEL_VERSION -> put(dfg, "modelVersion", value);
                case EventDetails.CHALLENGE_ID -> put(dfg, "challengeId", value);
                case EventDetails.FLOW -> put(dfg, "flow", value);
                case EventDetails.REASONS -> dfg.put("reasons", Arrays.stream(value.split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).map(RecordBodies::cap).limit(32).toList());
                case EventDetails.THRESHOLDS -> thresholds(dfg, value, other, key);
                default -> put(other, key, value);
            }
        }
        if (!other.isEmpty()) {
            dfg.put("other", other);
        }
        return dfg;
    }

    private static void thresholds(Map<String, Object> dfg, String value, Map<String, Object> other, String key) {
        String[] parts = value.split("/");
        try {
            if (parts.length == 3) {
                Map<String, Object> thresholds = new TreeMap<>();
                thresholds.put("allow", Long.parseLong(parts[0].trim()));
                thresholds.put("stepUp", Long.parseLong(parts[1].trim()));
                thresholds.put("syntheticDeny", Long.parseLong(parts[2].trim()));
                dfg.put("thresholds", thresholds);
                return;
            }
        } catch (NumberFormatException e) {
            // kept verbatim below: an audit record must show what was sent, even when malformed
        }
        put(other, key, value);
    }

    private static void putInteger(Map<String, Object> target, String name, String value, Map<String, Object> other,
                                   String key) {
        try {
            target.put(name, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            put(other, key, value);
        }
    }

    private Map<String, Object> personal(String userName, String ipAddress, String userAgent) {
        if (userName == null && ipAddress == null && userAgent == null) {
            return null;
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Map<String, Object> personal = new TreeMap<>();
        personal.put("salt", Base64.getUrlEncoder().withoutPadding().encodeToString(salt));
        put(personal, "userName", userName);
        put(personal, "ipAddress", ipAddress);
        put(personal, "userAgent", userAgent);
        return personal;
    }

    private static CapturedRecord finish(String realmId, String userId, long time, Map<String, Object> body,
                                         Map<String, Object> personal) {
        if (personal != null) {
            body.put("personalDigest", Digests.canonicalHash(personal));
        }
        return new CapturedRecord(realmId, userId, time, body, personal);
    }

    private static void put(Map<String, Object> target, String name, String value) {
        if (value != null) {
            target.put(name, cap(value));
        }
    }

    private static String cap(String value) {
        return value.length() <= MAX_STRING ? value : value.substring(0, MAX_STRING) + "…";
    }
}
