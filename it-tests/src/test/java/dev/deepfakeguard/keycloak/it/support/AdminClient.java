package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The few admin REST calls the ITs need, as the master realm's admin through {@code admin-cli}. */
public final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Creating or deleting a realm while other builds use both cores can take far longer than usual. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Master-realm access tokens live 60 s; renew well before. */
    private static final Duration TOKEN_REUSE = Duration.ofSeconds(30);

    private final KeycloakServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant tokenIssuedAt = Instant.EPOCH;

    AdminClient(KeycloakServer server) {
        this.server = server;
    }

    public KeycloakServer server() {
        return server;
    }

    /** Creates the realm and returns a handle that deletes it again. */
    public ManagedRealm createRealm(ObjectNode representation) {
        send("POST", "/admin/realms", representation, 201);
        return new ManagedRealm(this, representation.get("realm").asText());
    }

    public void deleteRealm(String realm) {
        send("DELETE", "/admin/realms/" + realm, null, 204);
    }

    public JsonNode realm(String realm) {
        return send("GET", "/admin/realms/" + realm, null, 200);
    }

    public boolean realmExists(String realm) {
        return status("/admin/realms/" + realm) == 200;
    }

    /** Executions of a flow, nested sub-flows flattened by Keycloak with a {@code level}. */
    public JsonNode flowExecutions(String realm, String flowAlias) {
        return send("GET", "/admin/realms/" + realm + "/authentication/flows/"
                + URLEncoder.encode(flowAlias, StandardCharsets.UTF_8).replace("+", "%20") + "/executions", null,
                200);
    }

    /** An authenticator config (alias and config map) by its id, as a flow execution references it. */
    public JsonNode authenticatorConfig(String realm, String configId) {
        return send("GET", "/admin/realms/" + realm + "/authentication/config/" + configId, null, 200);
    }

    public void updateAuthenticatorConfig(String realm, String configId, JsonNode representation) {
        send("PUT", "/admin/realms/" + realm + "/authentication/config/" + configId, representation, 204);
    }

    /** The user's online sessions. */
    public List<JsonNode> userSessions(String realm, String userId) {
        List<JsonNode> list = new ArrayList<>();
        send("GET", "/admin/realms/" + realm + "/users/" + userId + "/sessions", null, 200).forEach(list::add);
        return list;
    }

    public JsonNode serverInfo() {
        return send("GET", "/admin/serverinfo", null, 200);
    }

    /** Stored events of the realm, newest first. */
    public List<JsonNode> events(String realm, String type) {
        JsonNode events = send("GET", "/admin/realms/" + realm + "/events?max=100&type=" + type, null, 200);
        List<JsonNode> list = new ArrayList<>();
        events.forEach(list::add);
        return list;
    }

    public Optional<JsonNode> userByUsername(String realm, String username) {
        JsonNode users = send("GET", "/admin/realms/" + realm + "/users?exact=true&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8), null, 200);
        return users.isEmpty() ? Optional.empty() : Optional.of(users.get(0));
    }

    public void updateUser(String realm, String userId, ObjectNode changes) {
        send("PUT", "/admin/realms/" + realm + "/users/" + userId, changes, 204);
    }

    /** GET of a non-JSON resource, e.g. the audit export (JSON Lines), as text. */
    public String text(String path) {
        HttpResponse<String> response = exchange("GET", path, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + response.body() + server.logHint());
        }
        return response.body();
    }

    /** Any admin REST call below {@code /admin}; @throws IllegalStateException on another status */
    public JsonNode call(String method, String path, JsonNode body, int expectedStatus) {
        return send(method, path, body, expectedStatus);
    }

    /** Any admin REST call, for stories about refusals: the status and the body as text. */
    public HttpResponse<String> exchangeRaw(String method, String path, JsonNode body) {
        return exchange(method, path, body);
    }

    private int status(String path) {
        return exchange("GET", path, null).statusCode();
    }

    private JsonNode send(String method, String path, JsonNode body, int expectedStatus) {
        HttpResponse<String> response = exchange(method, path, body);
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body() + server.logHint());
        }
        try {
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " did not answer JSON", e);
        }
    }

    private HttpResponse<String> exchange(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        return call(request.build());
    }

    /**
     * Drops the cached admin token, e.g. after the server's database was put back to an earlier state in which the
     * token's session does not exist.
     */
    public synchronized void forgetToken() {
        token = null;
    }

    private synchronized String token() {
        if (token == null || Instant.now().isAfter(tokenIssuedAt.plus(TOKEN_REUSE))) {
            Instant issuedAt = Instant.now();
            String form = Map.of("grant_type", "password", "client_id", "admin-cli",
                            "username", ItSettings.adminUsername(), "password", ItSettings.adminPassword())
                    .entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            HttpResponse<String> response = call(HttpRequest.newBuilder(
                            URI.create(server.realmUrl("master") + "/protocol/openid-connect/token"))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("admin login answered " + response.statusCode() + ": "
                        + response.body() + server.logHint());
            }
            try {
                token = JSON.readTree(response.body()).get("access_token").asText();
            } catch (IOException e) {
                throw new UncheckedIOException("admin token response is not JSON", e);
            }
            tokenIssuedAt = issuedAt;
        }
        return token;
    }

    private HttpResponse<String> call(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed" + server.logHint(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
