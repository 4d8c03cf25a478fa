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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One helpdesk agent talking to the helpdesk API with a token of the helpdesk client, as the agent page does. Keeps
 * every answer it received, so a story can check that none of them ever carried a link or a code.
 */
public final class HelpdeskApi {

    public static final String CLIENT = "deepfake-guard-helpdesk";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final KeycloakServer server;
    private final String realm;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> answers = Collections.synchronizedList(new ArrayList<>());

    private HelpdeskApi(KeycloakServer server, String realm, String token) {
        this.server = server;
        this.realm = realm;
        this.token = token;
    }

    /** Signs in with the password grant (enabled on the helpdesk client only in the ITs' copy of the realm). */
    public static HelpdeskApi signIn(KeycloakServer server, String realm, String username, String password) {
        String form = Map.of("grant_type", "password", "client_id", CLIENT, "username", username,
                        "password", password, "scope", "openid").entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HelpdeskApi unauthenticated = new HelpdeskApi(server, realm, null);
        HttpResponse<String> response = unauthenticated.send(HttpRequest.newBuilder(
                        URI.create(server.realmUrl(realm) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("helpdesk sign-in of " + username + " answered " + response.statusCode()
                    + ": " + response.body() + server.logHint());
        }
        return new HelpdeskApi(server, realm, read(response.body()).path("access_token").asText());
    }

    /** The same API without any token. */
    public static HelpdeskApi anonymous(KeycloakServer server, String realm) {
        return new HelpdeskApi(server, realm, null);
    }

    public Answer users(String search) {
        return call("GET", "/users?search=" + URLEncoder.encode(search, StandardCharsets.UTF_8), null);
    }

    public Answer start(String userId, String ticket) {
        return call("POST", "/requests", JSON.createObjectNode().put("userId", userId).put("ticket", ticket));
    }

    public Answer status(String requestId) {
        return call("GET", "/requests/" + requestId, null);
    }

    public Answer code(String requestId, String code) {
        return call("POST", "/requests/" + requestId + "/code", JSON.createObjectNode().put("code", code));
    }

    public Answer approve(String requestId) {
        return call("POST", "/requests/" + requestId + "/approve", null);
    }

    public Answer reset(String requestId) {
        return call("POST", "/requests/" + requestId + "/reset", null);
    }

    public Answer cancel(String requestId) {
        return call("POST", "/requests/" + requestId + "/cancel", null);
    }

    /** Every body this agent received, in order. */
    public List<String> answers() {
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    /** @throws AssertionError when any answer so far carried an action link or one of {@code secrets} */
    public void assertNeverReceived(String... secrets) {
        for (String body : answers()) {
            List<String> found = new ArrayList<>();
            for (String secret : List.of("action-token", "key=")) {
                if (body.contains(secret)) {
                    found.add(secret);
                }
            }
            for (String secret : secrets) {
                if (body.contains(secret)) {
                    found.add(secret);
                }
            }
            if (!found.isEmpty()) {
                throw new AssertionError("the agent received " + found + " in " + body);
            }
        }
    }

    private Answer call(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(server.realmUrl(realm) + "/deepfake-guard-helpdesk" + path)).header("Accept",
                "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = send(request);
        answers.add(response.body());
        return new Answer(response.statusCode(), response.body().isBlank() ? JSON.nullNode() : read(response.body()),
                response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("helpdesk API call failed" + server.logHint(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    /** Status and body of one answer. */
    public record Answer(int status, JsonNode json, String body) {

        public String state() {
            return json.path("state").asText();
        }

        public String error() {
            return json.path("error").asText();
        }
    }
}
