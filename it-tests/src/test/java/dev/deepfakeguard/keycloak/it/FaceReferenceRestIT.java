package dev.deepfakeguard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;

/**
 * A face reference is special-category data: no REST response carries its template, the person sees it as "Face
 * reference" and an admin can delete it, which Keycloak records as an admin event.
 */
@ExtendWith(KeycloakExtension.class)
class FaceReferenceRestIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE = "deepfake-guard-face";
    private static final String DIGEST = "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581";
    private static final String DIRECT_CLIENT = "dfg-face-direct";

    /** A 512-d unit vector, base64 of little-endian floats, as the credential stores it. */
    private static String vector() {
        ByteBuffer buffer = ByteBuffer.allocate(512 * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 512; i++) {
            buffer.putFloat((float) (Math.sin(i * 0.37) / Math.sqrt(256)));
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    private static ObjectNode realmWithEnrolledUser(String vector) {
        ObjectNode realm = RealmBuilder.named("dfg-face").build();
        realm.put("adminEventsEnabled", true).put("adminEventsDetailsEnabled", true);
        ObjectNode user = (ObjectNode) realm.withArray("users").get(0);
        // Imported users get no default roles; the account API needs these two.
        user.putObject("clientRoles").putArray("account").add("view-profile").add("manage-account");
        user.withArray("credentials").addObject()
                .put("type", TYPE)
                .put("userLabel", "Face reference")
                .put("createdDate", 1_700_000_000_000L)
                .put("credentialData", JSON.createObjectNode().put("modelId", "it-model").put("modelDigest", DIGEST)
                        .put("dimension", 512).toString())
                .put("secretData", JSON.createObjectNode().put("vector", vector).toString());
        ObjectNode direct = realm.withArray("clients").addObject().put("clientId", DIRECT_CLIENT).put("enabled", true)
                .put("publicClient", true).put("directAccessGrantsEnabled", true);
        direct.putArray("defaultClientScopes").add("basic").add("roles").add("profile");
        // The account REST API accepts only tokens meant for it.
        direct.putArray("protocolMappers").addObject().put("name", "account audience")
                .put("protocol", "openid-connect").put("protocolMapper", "oidc-audience-mapper")
                .putObject("config").put("included.client.audience", "account").put("access.token.claim", "true")
                .put("introspection.token.claim", "true");
        return realm;
    }

    @Test
    @DisplayName("Given a user with a face reference, then no admin or account REST response contains the template, "
            + "and an admin's deletion removes it and is an admin event")
    void templateNeverLeavesTheServer(AdminClient admin, KeycloakServer server) throws Exception {
        String vector = vector();
        String vectorStart = vector.substring(0, 24);
        try (ManagedRealm realm = admin.createRealm(realmWithEnrolledUser(vector))) {
            String userId = admin.userByUsername(realm.name(), RealmBuilder.USERNAME).orElseThrow()
                    .path("id").asText();
            String base = "/admin/realms/" + realm.name() + "/users/" + userId;

            JsonNode credentials = admin.call("GET", base + "/credentials", null, 200);
            JsonNode face = find(credentials, TYPE);
            assertThat(face.path("userLabel").asText()).isEqualTo("Face reference");
            assertThat(face.path("credentialData").asText()).contains(DIGEST).doesNotContain(vectorStart);
            assertThat(face.path("secretData").isMissingNode() || face.path("secretData").isNull()).isTrue();
            for (String path : new String[] {base + "/credentials", base, base + "?userProfileMetadata=true",
                "/admin/realms/" + realm.name() + "/users?briefRepresentation=false",
                "/admin/realms/" + realm.name() + "/users/" + userId + "/configured-user-storage-credential-types"}) {
                assertThat(admin.exchangeRaw("GET", path, null).body()).as(path).doesNotContain(vectorStart);
            }

            String account = accountCredentials(server, realm.name());
            assertThat(account).as("account REST").contains("Face reference").contains(TYPE)
                    .doesNotContain(vectorStart);

            admin.call("DELETE", base + "/credentials/" + face.path("id").asText(), null, 204);

            assertThat(admin.call("GET", base + "/credentials", null, 200).findValuesAsText("type"))
                    .doesNotContain(TYPE);
            JsonNode events = admin.call("GET", "/admin/realms/" + realm.name() + "/admin-events", null, 200);
            assertThat(events.findValuesAsText("resourcePath"))
                    .anyMatch(path -> path.endsWith("credentials/" + face.path("id").asText()));
        }
    }

    private static JsonNode find(JsonNode credentials, String type) {
        for (JsonNode credential : credentials) {
            if (type.equals(credential.path("type").asText())) {
                return credential;
            }
        }
        throw new AssertionError("no credential of type " + type + " in " + credentials);
    }

    /** The person's own view: the account REST API's credential list, with a token of their own. */
    private static String accountCredentials(KeycloakServer server, String realm) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String form = Map.of("grant_type", "password", "client_id", DIRECT_CLIENT, "username", RealmBuilder.USERNAME,
                        "password", RealmBuilder.PASSWORD, "scope", "openid")
                .entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(
                        URI.create(server.realmUrl(realm) + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String accessToken = JSON.readTree(token.body()).path("access_token").asText();
        HttpResponse<String> credentials = http.send(HttpRequest.newBuilder(
                        URI.create(server.realmUrl(realm) + "/account/credentials"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(credentials.statusCode()).as(credentials.body()).isEqualTo(200);
        return credentials.body();
    }
}
