package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.deepfakeguard.keycloak.scoring.http.HttpScorerConfig;

/**
 * One of the shipped example realms (realm-examples), read from the files the build unpacked, renamed so that every
 * IT class has its own copy, and patched only where a story needs it: the examples themselves are what is tested.
 */
public final class ExampleRealm {

    public static final String DEMO = "deepfake-guard-demo";
    public static final String ADMIN = "deepfake-guard-admin";

    /** Authenticator config aliases of the examples, as docs/step-up.md names them. */
    public static final String LIVENESS_LOGIN = "deepfake-guard liveness (login)";
    public static final String LIVENESS_RESET = "deepfake-guard liveness (password reset)";
    public static final String LIVENESS_ADMIN = "deepfake-guard liveness (admin)";
    public static final String RISK = "deepfake-guard risk";
    public static final String LEVEL_LIVENESS = "level liveness";
    public static final String LOA_MAX_AGE = "loa-max-age";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final ObjectNode realm;

    private ExampleRealm(ObjectNode realm) {
        this.realm = realm;
    }

    /** The example {@code example} (e.g. {@link #DEMO}) under a unique name starting with {@code prefix}. */
    public static ExampleRealm load(String example, String prefix) {
        Path file = ItSettings.realmsDir().resolve(example + "-realm.json");
        ObjectNode realm;
        try {
            realm = (ObjectNode) JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("example realm " + file + " unreadable", e);
        }
        return new ExampleRealm(realm).renamed(prefix + "-" + System.currentTimeMillis() % 100_000 + "-"
                + SEQUENCE.incrementAndGet());
    }

    public String name() {
        return realm.path("realm").asText();
    }

    /**
     * The new name everywhere the example spells its own: the realm, the admin console's URLs. Flows with a fixed id
     * get a fresh one (ids are unique server-wide and the example is already imported), and client flow overrides
     * follow.
     */
    private ExampleRealm renamed(String newName) {
        String oldName = name();
        realm.put("realm", newName);
        Map<String, String> flowIds = new HashMap<>();
        for (JsonNode flow : realm.withArray("authenticationFlows")) {
            if (flow.hasNonNull("id")) {
                String fresh = UUID.randomUUID().toString();
                flowIds.put(flow.get("id").asText(), fresh);
                ((ObjectNode) flow).put("id", fresh);
            }
        }
        for (JsonNode node : realm.withArray("clients")) {
            ObjectNode client = (ObjectNode) node;
            if (client.hasNonNull("baseUrl")) {
                client.put("baseUrl", client.get("baseUrl").asText().replace("/" + oldName + "/", "/" + newName + "/"));
            }
            ArrayNode redirects = client.withArray("redirectUris");
            for (int i = 0; i < redirects.size(); i++) {
                redirects.set(i, redirects.get(i).asText().replace("/" + oldName + "/", "/" + newName + "/"));
            }
            JsonNode overrides = client.path("authenticationFlowBindingOverrides");
            overrides.fieldNames().forEachRemaining(binding -> {
                String id = overrides.get(binding).asText();
                ((ObjectNode) overrides).put(binding, flowIds.getOrDefault(id, id));
            });
        }
        return this;
    }

    /** The {@code config} map of the authenticator config {@code alias}, to change in place. */
    public ObjectNode config(String alias) {
        return (ObjectNode) find("authenticatorConfig", c -> alias.equals(c.path("alias").asText()), alias)
                .get("config");
    }

    /** The given liveness step asks the http scorer at {@code url} instead of the embedded one. */
    public ExampleRealm httpScorer(String livenessAlias, String url) {
        config(livenessAlias).put(LivenessConfigKeys.SCORER, LivenessConfigKeys.SCORER_HTTP)
                .put(HttpScorerConfig.URL, url);
        return this;
    }

    public ObjectNode client(String clientId) {
        return find("clients", c -> clientId.equals(c.path("clientId").asText()), clientId);
    }

    /** Grants {@code username} the roles of client {@code clientId}, next to the roles the user already has. */
    public ExampleRealm clientRoles(String username, String clientId, String... roles) {
        var granted = user(username).withObject("/clientRoles").withArray(clientId);
        for (String role : roles) {
            granted.add(role);
        }
        return this;
    }

    public ObjectNode user(String username) {
        return find("users", u -> username.equals(u.path("username").asText()), username);
    }

    /** Gives {@code username} a TOTP credential with the raw secret, like the examples' carol and ann. */
    public ExampleRealm otp(String username, OtpDevice device) {
        user(username).withArray("credentials").add(device.credential());
        return this;
    }

    /** Adds a user like the examples' own: verified e-mail, names, a password and nothing else. */
    public ExampleRealm addUser(String username, String password) {
        ObjectNode user = realm.withArray("users").addObject()
                .put("username", username)
                .put("email", username + "@it.deepfake-guard.dev")
                .put("emailVerified", true)
                .put("firstName", username)
                .put("lastName", "It")
                .put("enabled", true);
        user.withArray("credentials").addObject().put("type", "password").put("value", password)
                .put("temporary", false);
        return this;
    }

    /**
     * Gives {@code username} a security-key credential of Keycloak's {@code type} ({@code webauthn} or
     * {@code webauthn-passwordless}) as an import stores it; it is never used to sign in, only to be held.
     */
    public ExampleRealm securityKey(String username, String type) {
        byte[] credentialId = (username + "-" + type).getBytes(StandardCharsets.UTF_8);
        user(username).withArray("credentials").addObject()
                .put("type", type)
                .put("userLabel", "it security key")
                .put("secretData", "{}")
                .put("credentialData", JSON.createObjectNode()
                        .put("aaguid", "00000000-0000-0000-0000-000000000000")
                        .put("credentialId", Base64.getUrlEncoder().withoutPadding()
                                .encodeToString(credentialId))
                        .put("counter", 0)
                        .put("attestationStatementFormat", "none")
                        .toString());
        return this;
    }

    public ExampleRealm smtp(String host, int port) {
        realm.withObject("/smtpServer").put("host", host).put("port", Integer.toString(port));
        return this;
    }

    public ObjectNode build() {
        return realm.deepCopy();
    }

    private ObjectNode find(String array, Predicate<JsonNode> matching, String what) {
        for (JsonNode node : realm.withArray(array)) {
            if (matching.test(node)) {
                return (ObjectNode) node;
            }
        }
        throw new IllegalArgumentException("no " + what + " in " + array + " of example realm " + name());
    }
}
