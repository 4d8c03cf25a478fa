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
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The account REST API as the account console calls it, with a token of the person's own (password grant on
 * {@link FaceRealm#ACCOUNT_CLIENT}): their credential list and the removal of one credential.
 */
public final class AccountApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final KeycloakServer server;
    private final String realm;
    private final String token;

    private AccountApi(KeycloakServer server, String realm, String token) {
        this.server = server;
        this.realm = realm;
        this.token = token;
    }

    public static AccountApi signIn(KeycloakServer server, String realm, String username, String password) {
        return signIn(server, realm, username, password, null);
    }

    /**
     * The same for a user with a one-time-code app: Keycloak's direct grant flow then asks for the code as
     * {@code totp}.
     */
    public static AccountApi signIn(KeycloakServer server, String realm, String username, String password,
                                    String otpCode) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of("grant_type", "password", "client_id",
                FaceRealm.ACCOUNT_CLIENT, "username", username, "password", password, "scope", "openid"));
        if (otpCode != null) {
            fields.put("totp", otpCode);
        }
        String form = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        AccountApi unauthenticated = new AccountApi(server, realm, null);
        HttpResponse<String> response = unauthenticated.send(HttpRequest.newBuilder(
                        URI.create(server.realmUrl(realm) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (response.statusCode() != 200) {
            throw new AssertionError("password grant answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return new AccountApi(server, realm, JSON.readTree(response.body()).path("access_token").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET /account/credentials}: the raw body, for "never contains" assertions. */
    public String credentialsBody() {
        HttpResponse<String> response = send(request("/account/credentials").GET());
        if (response.statusCode() != 200) {
            throw new AssertionError("account credentials answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** The id of the person's credential of {@code type}, as the console lists it. */
    public String credentialId(String type) {
        try {
            for (JsonNode entry : JSON.readTree(credentialsBody())) {
                if (type.equals(entry.path("type").asText())) {
                    return entry.path("userCredentialMetadatas").path(0).path("credential").path("id").asText();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no credential of type " + type + " in the account console's list");
    }

    /** {@code DELETE /account/credentials/{id}}, what the console's "Remove" sends; the status. */
    public int remove(String credentialId) {
        return send(request("/account/credentials/" + credentialId).DELETE()).statusCode();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.realmUrl(realm) + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(server.logHint(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
