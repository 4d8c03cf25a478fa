package dev.deepfakeguard.keycloak.events.audit.export;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.LockoutEventDetails;

/**
 * One audit record as an OCSF 1.1 event (docs/audit.md, "OCSF mapping"): sign-in decisions as Authentication (3002),
 * locks, unlocks, password resets and changes to users as Account Change (3001), other admin changes as Entity
 * Management (3004). Deepfake Guard's own fields go under {@code unmapped}, each named {@code dfg_…}. Records that are
 * not about a person or a change (epoch starts, key rotations, capture failures) have no OCSF class and are left out.
 */
final class OcsfMapper {

    static final String OCSF_VERSION = "1.1.0";
    static final int AUTHENTICATION = 3002;
    static final int ACCOUNT_CHANGE = 3001;
    static final int ENTITY_MANAGEMENT = 3004;
    private static final Set<String> PASSWORD_RESETS = Set.of("RESET_PASSWORD", "RESET_PASSWORD_ERROR",
            "SEND_RESET_PASSWORD", "SEND_RESET_PASSWORD_ERROR");
    private static final Set<String> CREDENTIAL_CHANGES = Set.of("UPDATE_PASSWORD", "UPDATE_PASSWORD_ERROR",
            "UPDATE_CREDENTIAL", "UPDATE_CREDENTIAL_ERROR", "UPDATE_TOTP", "REMOVE_TOTP", "REMOVE_CREDENTIAL");
    private static final Set<String> LOGOFFS = Set.of("LOGOUT", "LOGOUT_ERROR");
    private static final Set<String> ATTACKS = Set.of(EventErrors.DEEPFAKE_SUSPECTED, EventErrors.LIVENESS_LOCKED);

    /** Where a record sits in its chain; all null for a record not chained yet. */
    record Position(String node, String epoch, Long seq, String hash) {
    }

    private OcsfMapper() {
    }

    static Optional<Map<String, Object>> map(Map<String, Object> body, Map<String, Object> personal, String realm,
                                             Position position) {
        Object type = body.get("type");
        if (ExportFormat.TYPE_USER_EVENT.equals(type)) {
            return Optional.of(userEvent(body, personal, realm, position));
        }
        if (ExportFormat.TYPE_ADMIN_EVENT.equals(type)) {
            return Optional.of(adminEvent(body, personal, realm, position));
        }
        return Optional.empty();
    }

    private static Map<String, Object> userEvent(Map<String, Object> body, Map<String, Object> personal, String realm,
                                                 Position position) {
        Map<String, Object> event = object(body.get("event"));
        Map<String, Object> dfg = object(body.get("dfg"));
        String eventType = text(event.get("type"));
        String error = text(event.get("error"));
        String lockAction = text(object(dfg.get("other")).get(LockoutEventDetails.ACTION));
        Map<String, Object> out;
        if (LockoutEventDetails.ACTION_LOCKED.equals(lockAction)) {
            out = header(ACCOUNT_CHANGE, "Account Change", 9, "Lock");
        } else if (PASSWORD_RESETS.contains(eventType)) {
            out = header(ACCOUNT_CHANGE, "Account Change", 4, "Password Reset");
        } else if (CREDENTIAL_CHANGES.contains(eventType)) {
            out = header(ACCOUNT_CHANGE, "Account Change", 3, "Password Change");
        } else if (LOGOFFS.contains(eventType)) {
            out = header(AUTHENTICATION, "Authentication", 2, "Logoff");
        } else {
            out = header(AUTHENTICATION, "Authentication", 1, "Logon");
            if ("step_up".equals(dfg.get("decision"))) {
                out.put("is_mfa", true);
            }
        }
        common(out, body, error, position);
        putObject(out, "user", "uid", event.get("userId"), "name", personal.get("userName"));
        putObject(out, "src_endpoint", "ip", personal.get("ipAddress"), null, null);
        putObject(out, "http_request", "user_agent", personal.get("userAgent"), null, null);
        putObject(out, "service", "name", event.get("clientId"), null, null);
        putObject(out, "session", "uid", event.get("sessionId"), null, null);
        Map<String, Object> unmapped = unmapped(dfg, realm, position);
        put(unmapped, "dfg_keycloak_event_id", event.get("id"));
        put(unmapped, "dfg_keycloak_event_type", eventType);
        out.put("unmapped", unmapped);
        return out;
    }

    private static Map<String, Object> adminEvent(Map<String, Object> body, Map<String, Object> personal,
                                                  String realm, Position position) {
        Map<String, Object> admin = object(body.get("admin"));
        Map<String, Object> dfg = object(body.get("dfg"));
        String operation = text(admin.get("operation"));
        String resourceType = text(admin.get("resourceType"));
        String path = text(admin.get("resourcePath"));
        String lockAction = text(object(dfg.get("other")).get(LockoutEventDetails.ACTION));
        Map<String, Object> out;
        if (LockoutEventDetails.ACTION_UNLOCKED.equals(lockAction)) {
            out = header(ACCOUNT_CHANGE, "Account Change", 12, "Unlock");
            String[] parts = path == null ? new String[0] : path.split("/");
            if (parts.length == 3 && "users".equals(parts[1])) {
                putObject(out, "user", "uid", parts[2], null, null);
            }
        } else if ("USER".equals(resourceType)) {
            int activity = switch (operation == null ? "" : operation) {
                case "CREATE" -> 1;
                case "DELETE" -> 6;
                default -> 99;
            };
            out = header(ACCOUNT_CHANGE, "Account Change", activity, activity == 1 ? "Create"
                    : activity == 6 ? "Delete" : "Other");
            String[] parts = path == null ? new String[0] : path.split("/");
            if (parts.length >= 2 && "users".equals(parts[0])) {
                putObject(out, "user", "uid", parts[1], null, null);
            }
        } else {
            int activity = switch (operation == null ? "" : operation) {
                case "CREATE" -> 1;
                case "UPDATE" -> 3;
                case "DELETE" -> 4;
                default -> 99;
            };
            out = header(ENTITY_MANAGEMENT, "Entity Management", activity,
                    operation == null ? "Other" : capitalised(operation));
            putObject(out, "entity", "type", resourceType, "uid", path);
        }
        common(out, body, text(admin.get("error")), position);
        Map<String, Object> by = object(admin.get("by"));
        if (!by.isEmpty()) {
            Map<String, Object> actorUser = new TreeMap<>();
            put(actorUser, "uid", by.get("userId"));
            Map<String, Object> actor = new TreeMap<>();
            actor.put("user", actorUser);
            put(actor, "app_name", by.get("clientId"));
            out.put("actor", actor);
        }
        putObject(out, "src_endpoint", "ip", personal.get("ipAddress"), null, null);
        Map<String, Object> unmapped = unmapped(dfg, realm, position);
        put(unmapped, "dfg_admin_event_id", admin.get("id"));
        put(unmapped, "dfg_resource_type", resourceType);
        put(unmapped, "dfg_resource_path", path);
        out.put("unmapped", unmapped);
        return out;
    }

    private static Map<String, Object> header(int classUid, String className, int activity, String activityName) {
        Map<String, Object> out = new TreeMap<>();
        out.put("category_uid", 3L);
        out.put("category_name", "Identity & Access Management");
        out.put("class_uid", (long) classUid);
        out.put("class_name", className);
        out.put("activity_id", (long) activity);
        out.put("activity_name", activityName);
        out.put("type_uid", classUid * 100L + activity);
        out.put("type_name", className + ": " + activityName);
        return out;
    }

    private static void common(Map<String, Object> out, Map<String, Object> body, String error, Position position) {
        out.put("time", body.get("time") instanceof Long time ? time : 0L);
        boolean failed = error != null;
        out.put("status_id", failed ? 2L : 1L);
        out.put("status", failed ? "Failure" : "Success");
        put(out, "status_detail", error);
        out.put("severity_id", !failed ? 1L : ATTACKS.contains(error) ? 4L : 2L);
        out.put("severity", !failed ? "Informational" : ATTACKS.contains(error) ? "High" : "Low");
        Map<String, Object> product = new TreeMap<>();
        product.put("name", "Deepfake Guard");
        product.put("vendor_name", "Deepfake Guard");
        Map<String, Object> metadata = new TreeMap<>();
        metadata.put("version", OCSF_VERSION);
        metadata.put("product", product);
        if (position.seq() != null) {
            metadata.put("uid", position.node() + "/" + position.epoch() + "/" + position.seq());
        }
        out.put("metadata", metadata);
    }

    /** Deepfake Guard's fields: {@code dfg.livenessScore} becomes {@code dfg_liveness_score}, and so on. */
    private static Map<String, Object> unmapped(Map<String, Object> dfg, String realm, Position position) {
        Map<String, Object> unmapped = new TreeMap<>();
        for (Map.Entry<String, Object> field : dfg.entrySet()) {
            if ("other".equals(field.getKey())) {
                object(field.getValue()).forEach((key, value) -> put(unmapped,
                        key.startsWith("dfg_") ? key : "dfg_" + key, value));
            } else {
                unmapped.put("dfg_" + snake(field.getKey()), field.getValue());
            }
        }
        put(unmapped, "dfg_realm", realm);
        put(unmapped, "dfg_audit_hash", position.hash());
        unmapped.put("dfg_chained", position.seq() != null);
        return unmapped;
    }

    /** {@code livenessScore} → {@code liveness_score}: an underscore before each capital that follows [a-z0-9]. */
    static String snake(String camel) {
        // By hand: String.replaceAll compiled its pattern for every field of every event (a fifth of an export).
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (c >= 'A' && c <= 'Z' && i > 0) {
                char before = camel.charAt(i - 1);
                if (before >= 'a' && before <= 'z' || before >= '0' && before <= '9') {
                    out.append('_');
                }
            }
            out.append(c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static String capitalised(String operation) {
        return operation.charAt(0) + operation.substring(1).toLowerCase(Locale.ROOT);
    }

    private static void putObject(Map<String, Object> out, String name, String key1, Object value1, String key2,
                                  Object value2) {
        Map<String, Object> object = new TreeMap<>();
        put(object, key1, value1);
        if (key2 != null) {
            put(object, key2, value2);
        }
        if (!object.isEmpty()) {
            out.put(name, object);
        }
    }

    private static void put(Map<String, Object> target, String name, Object value) {
        if (value != null) {
            target.put(name, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }
}
