package dev.deepfakeguard.keycloak.it.support;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** The test user's face reference as Keycloak's admin REST API shows it (never with its template). */
public final class FaceAccount {

    private final AdminClient admin;
    private final String realm;
    private final String username;

    public FaceAccount(AdminClient admin, String realm, String username) {
        this.admin = admin;
        this.realm = realm;
        this.username = username;
    }

    public static FaceAccount of(ManagedRealm realm) {
        return new FaceAccount(realm.admin(), realm.name(), RealmBuilder.USERNAME);
    }

    /** {@code /admin/realms/{realm}/users/{id}} of the user. */
    public String userPath() {
        return "/admin/realms/" + realm + "/users/"
                + admin.userByUsername(realm, username).orElseThrow().path("id").asText();
    }

    /** The credential of type {@value FaceRealm#CREDENTIAL_TYPE}, if the user has one. */
    public Optional<JsonNode> reference() {
        for (JsonNode credential : admin.call("GET", userPath() + "/credentials", null, 200)) {
            if (FaceRealm.CREDENTIAL_TYPE.equals(credential.path("type").asText())) {
                return Optional.of(credential);
            }
        }
        return Optional.empty();
    }

    /** The user's pending required actions, as the admin console lists them. */
    public String requiredActions() {
        return admin.call("GET", userPath(), null, 200).path("requiredActions").toString();
    }
}
