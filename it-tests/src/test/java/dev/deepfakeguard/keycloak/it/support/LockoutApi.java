package dev.deepfakeguard.keycloak.it.support;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The lockout admin endpoint {@code /admin/realms/{realm}/deepfake-guard-lockout} of one realm. */
public final class LockoutApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminClient admin;
    private final String base;

    public LockoutApi(AdminClient admin, String realm) {
        this.admin = admin;
        this.base = "/admin/realms/" + realm + "/deepfake-guard-lockout";
    }

    public List<JsonNode> locks() {
        List<JsonNode> list = new ArrayList<>();
        admin.call("GET", base + "/locks", null, 200).forEach(list::add);
        return list;
    }

    public JsonNode user(String userId) {
        return admin.call("GET", base + "/users/" + userId, null, 200);
    }

    public JsonNode source(String address) {
        return admin.call("GET", base + "/sources/" + encode(address), null, 200);
    }

    public void unlockUser(String userId) {
        admin.call("DELETE", base + "/users/" + userId, null, 204);
    }

    public void unlockSource(String address) {
        admin.call("DELETE", base + "/sources/" + encode(address), null, 204);
    }

    public JsonNode config() {
        return admin.call("GET", base + "/config", null, 200);
    }

    /** Keys without the {@code deepfake-guard.lockout.} prefix, e.g. {@code maxFailures}. */
    public JsonNode putConfig(Map<String, ?> values) {
        return admin.call("PUT", base + "/config", toJson(values), 200);
    }

    public HttpResponse<String> putConfigRaw(Map<String, ?> values) {
        return admin.exchangeRaw("PUT", base + "/config", toJson(values));
    }

    public List<JsonNode> alerts() {
        List<JsonNode> list = new ArrayList<>();
        admin.call("GET", base + "/alerts", null, 200).forEach(list::add);
        return list;
    }

    private static ObjectNode toJson(Map<String, ?> values) {
        ObjectNode body = JSON.createObjectNode();
        values.forEach((key, value) -> body.put(key, String.valueOf(value)));
        return body;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
