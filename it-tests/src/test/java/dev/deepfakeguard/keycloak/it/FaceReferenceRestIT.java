package dev.deepfakeguard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.deepfakeguard.keycloak.it.support.AccountApi;
import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.FaceRealm;
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

    private static final String TYPE = FaceRealm.CREDENTIAL_TYPE;
    private static final String DIGEST = "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581";

    private static ObjectNode realmWithEnrolledUser(String vector) {
        ObjectNode realm = FaceRealm.of(RealmBuilder.named("dfg-face").build()).storedReference(DIGEST, vector)
                .accountApi().build();
        realm.put("adminEventsEnabled", true).put("adminEventsDetailsEnabled", true);
        return realm;
    }

    @Test
    @DisplayName("Given a user with a face reference, then no admin or account REST response contains the template, "
            + "and an admin's deletion removes it and is an admin event")
    void templateNeverLeavesTheServer(AdminClient admin, KeycloakServer server) throws Exception {
        String vector = FaceRealm.syntheticVector();
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

            String account = AccountApi.signIn(server, realm.name(), RealmBuilder.USERNAME, RealmBuilder.PASSWORD)
                    .credentialsBody();
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
}
