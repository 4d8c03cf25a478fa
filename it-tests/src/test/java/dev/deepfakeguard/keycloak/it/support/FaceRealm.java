package dev.deepfakeguard.keycloak.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the face-reference stories add to a {@link RealmBuilder} realm: the enrolment required action, a one-time
 * code asked in every sign-in (so that a passed check can be enrolled), a group, the test user's own account REST
 * access, and a client for the user's own tokens.
 */
public final class FaceRealm {

    public static final String ENROL_ACTION = "deepfake-guard-enrol-face";
    public static final String CREDENTIAL_TYPE = "deepfake-guard-face";
    /** A public client with the password grant, whose tokens the account REST API accepts. */
    public static final String ACCOUNT_CLIENT = "dfg-face-account";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode realm;

    private FaceRealm(ObjectNode realm) {
        this.realm = realm;
    }

    public static FaceRealm of(ObjectNode built) {
        return new FaceRealm(built);
    }

    public ObjectNode build() {
        return realm;
    }

    private ObjectNode user() {
        return (ObjectNode) realm.withArray("users").get(0);
    }

    /**
     * Registers the enrolment action and Keycloak's "Delete Credential" (the realm's only required actions, so no
     * other one interrupts a story; without the second, Keycloak marks no credential removable in the account
     * console) and, if {@code pending}, puts the enrolment on the test user.
     */
    public FaceRealm enrolment(boolean pending) {
        ArrayNode actions = realm.putArray("requiredActions");
        actions.addObject().put("alias", ENROL_ACTION).put("providerId", ENROL_ACTION)
                .put("name", "Deepfake Guard – Enrol face reference").put("enabled", true)
                .put("defaultAction", false).put("priority", 10);
        actions.addObject().put("alias", "delete_credential").put("providerId", "delete_credential")
                .put("name", "Delete Credential").put("enabled", true).put("defaultAction", false)
                .put("priority", 100);
        if (pending) {
            user().putArray("requiredActions").add(ENROL_ACTION);
        }
        realm.withArray("enabledEventTypes").add("UPDATE_CREDENTIAL").add("REMOVE_CREDENTIAL");
        return this;
    }

    /** The one-time-code form right after the password, in every sign-in: a second factor before the check. */
    public FaceRealm secondFactorFirst() {
        for (JsonNode flow : realm.withArray("authenticationFlows")) {
            if (RealmBuilder.FLOW_ALIAS.equals(flow.path("alias").asText())) {
                ((ArrayNode) flow.get("authenticationExecutions")).addObject()
                        .put("authenticator", RealmBuilder.OTP_FORM_PROVIDER_ID).put("authenticatorFlow", false)
                        .put("requirement", "REQUIRED").put("priority", 20).put("userSetupAllowed", false);
                return this;
            }
        }
        throw new IllegalStateException("no flow " + RealmBuilder.FLOW_ALIAS);
    }

    /** A top-level group {@code name}, with the test user as a member if {@code member}. */
    public FaceRealm group(String name, boolean member) {
        realm.withArray("groups").addObject().put("name", name).put("path", "/" + name);
        if (member) {
            user().withArray("groups").add("/" + name);
        }
        return this;
    }

    /** A user attribute of the test user, e.g. a reference held at a vendor. */
    public FaceRealm attribute(String key, String value) {
        user().with("attributes").putArray(key).add(value);
        return this;
    }

    /** A 512-d unit vector, base64 of little-endian float32, as the credential stores a template. */
    public static String syntheticVector() {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(512 * Float.BYTES)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 512; i++) {
            buffer.putFloat((float) (Math.sin(i * 0.37) / Math.sqrt(256)));
        }
        return java.util.Base64.getEncoder().encodeToString(buffer.array());
    }

    /** A face reference stored directly, as an import or another server would have made it. */
    public FaceRealm storedReference(String modelDigest, String base64Vector) {
        user().withArray("credentials").addObject()
                .put("type", CREDENTIAL_TYPE)
                .put("userLabel", "Face reference")
                .put("createdDate", 1_700_000_000_000L)
                .put("credentialData", JSON.createObjectNode().put("modelId", "imported").put("modelDigest",
                        modelDigest).put("dimension", 512).toString())
                .put("secretData", JSON.createObjectNode().put("vector", base64Vector).toString());
        return this;
    }

    /** The account REST API for the test user: its two roles and a password-grant client with the account audience. */
    public FaceRealm accountApi() {
        user().with("clientRoles").putArray("account").add("view-profile").add("manage-account");
        ObjectNode client = realm.withArray("clients").addObject().put("clientId", ACCOUNT_CLIENT)
                .put("enabled", true).put("publicClient", true).put("directAccessGrantsEnabled", true);
        client.putArray("defaultClientScopes").add("basic").add("roles").add("profile");
        client.putArray("protocolMappers").addObject().put("name", "account audience")
                .put("protocol", "openid-connect").put("protocolMapper", "oidc-audience-mapper")
                .putObject("config").put("included.client.audience", "account").put("access.token.claim", "true")
                .put("introspection.token.claim", "true");
        return this;
    }
}
