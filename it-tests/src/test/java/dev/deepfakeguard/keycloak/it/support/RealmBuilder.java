package dev.deepfakeguard.keycloak.it.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the representation of one test realm: a user with a password, a public test client and a browser flow
 * "password + liveness" whose liveness step carries the given authenticator config, followed by a conditional
 * step-up (risk condition, then by default the password form again).
 */
public final class RealmBuilder {

    public static final String LIVENESS_PROVIDER_ID = "deepfake-guard-liveness";
    public static final String FLOW_ALIAS = "password-and-liveness";
    public static final String STEP_UP_FLOW_ALIAS = "password-and-liveness step-up";
    public static final String RISK_CONDITION_PROVIDER_ID = "deepfake-guard-risk-condition";
    /** Keycloak's password-only form: the second factor of the step-up, simple to complete over plain HTTP. */
    public static final String PASSWORD_FORM_PROVIDER_ID = "auth-password-form";
    /**
     * Keycloak's "Allow access": a step-up sub-flow that ends without a page, so the flow completes in the request of
     * the liveness check and its step-up details land on the LOGIN event (docs/contracts.md: details ride on the
     * event of the request in which the check passed).
     */
    public static final String ALLOW_ACCESS_PROVIDER_ID = "allow-access-authenticator";
    public static final String CLIENT_ID = "dfg-it-client";
    /** Never listened on: the tests stop at the redirect that carries {@code code=}. */
    public static final String REDIRECT_URI = "http://127.0.0.1:9/callback";
    public static final String USERNAME = "alice";
    public static final String PASSWORD = "alice-Passw0rd!";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String name;
    private final Map<String, String> livenessConfig = new LinkedHashMap<>();
    private boolean liveness = true;
    private String loginTheme = "deepfake-guard";
    private String stepUpFactor = PASSWORD_FORM_PROVIDER_ID;

    private RealmBuilder(String name) {
        this.name = name;
    }

    /** A realm with a unique name starting with {@code prefix}, so test classes never collide. */
    public static RealmBuilder named(String prefix) {
        return new RealmBuilder(prefix + "-" + System.currentTimeMillis() % 100_000 + "-"
                + SEQUENCE.incrementAndGet());
    }

    /** One {@code dfg.*} key of the liveness authenticator's config. */
    public RealmBuilder liveness(String key, Object value) {
        livenessConfig.put(key, String.valueOf(value));
        return this;
    }

    /** Password only: for checks of the harness itself that must not depend on the authenticator. */
    public RealmBuilder withoutLiveness() {
        liveness = false;
        return this;
    }

    /** The authenticator behind the risk condition; {@link #PASSWORD_FORM_PROVIDER_ID} unless changed. */
    public RealmBuilder stepUpFactor(String providerId) {
        stepUpFactor = providerId;
        return this;
    }

    public RealmBuilder loginTheme(String theme) {
        loginTheme = theme;
        return this;
    }

    public ObjectNode build() {
        ObjectNode realm = JSON.createObjectNode()
                .put("realm", name)
                .put("enabled", true)
                .put("eventsEnabled", true)
                .put("eventsExpiration", 3600)
                .put("browserFlow", FLOW_ALIAS)
                .put("loginTheme", loginTheme);
        realm.putArray("enabledEventTypes").add("LOGIN").add("LOGIN_ERROR").add("CODE_TO_TOKEN")
                .add("CODE_TO_TOKEN_ERROR").add("RESET_PASSWORD").add("RESET_PASSWORD_ERROR");
        realm.putArray("users").add(user());
        realm.putArray("clients").add(client());
        ArrayNode flows = realm.putArray("authenticationFlows").add(flow());
        if (liveness) {
            flows.add(stepUpFlow());
            ArrayNode configs = realm.putArray("authenticatorConfig");
            ObjectNode map = configs.addObject().put("alias", "liveness-config").putObject("config");
            livenessConfig.forEach(map::put);
            configs.addObject().put("alias", "risk-config").putObject("config")
                    .put(RiskConditionKeys.ON_STEP_UP, "true")
                    .put(RiskConditionKeys.ON_FALLBACK, "true");
        }
        return realm;
    }

    private static ObjectNode user() {
        // Email and names filled in: otherwise the default user profile asks for them before the login completes.
        ObjectNode user = JSON.createObjectNode()
                .put("username", USERNAME)
                .put("enabled", true)
                .put("email", USERNAME + "@example.org")
                .put("emailVerified", true)
                .put("firstName", "Alice")
                .put("lastName", "Liveness");
        user.putArray("credentials").addObject()
                .put("type", "password")
                .put("value", PASSWORD)
                .put("temporary", false);
        return user;
    }

    private static ObjectNode client() {
        ObjectNode client = JSON.createObjectNode()
                .put("clientId", CLIENT_ID)
                .put("enabled", true)
                .put("publicClient", true)
                .put("standardFlowEnabled", true)
                .put("protocol", "openid-connect");
        client.putArray("redirectUris").add(REDIRECT_URI);
        return client;
    }

    private ObjectNode flow() {
        ObjectNode flow = JSON.createObjectNode()
                .put("alias", FLOW_ALIAS)
                .put("description", "Username and password, then the Deepfake Guard liveness check")
                .put("providerId", "basic-flow")
                .put("topLevel", true)
                .put("builtIn", false);
        ArrayNode executions = flow.putArray("authenticationExecutions");
        executions.addObject()
                .put("authenticator", "auth-username-password-form")
                .put("authenticatorFlow", false)
                .put("requirement", "REQUIRED")
                .put("priority", 10)
                .put("userSetupAllowed", false);
        if (liveness) {
            executions.addObject()
                    .put("authenticator", LIVENESS_PROVIDER_ID)
                    .put("authenticatorConfig", "liveness-config")
                    .put("authenticatorFlow", false)
                    .put("requirement", "REQUIRED")
                    .put("priority", 20)
                    .put("userSetupAllowed", false);
            // The liveness step denies a step-up that the flow cannot act on, so the flow routes it, as the demo
            // realm does, to a second factor behind the risk condition.
            executions.addObject()
                    .put("flowAlias", STEP_UP_FLOW_ALIAS)
                    .put("authenticatorFlow", true)
                    .put("requirement", "CONDITIONAL")
                    .put("priority", 30)
                    .put("userSetupAllowed", false);
        }
        return flow;
    }

    private ObjectNode stepUpFlow() {
        ObjectNode flow = JSON.createObjectNode()
                .put("alias", STEP_UP_FLOW_ALIAS)
                .put("description", "Second factor after a step-up or a scorer outage")
                .put("providerId", "basic-flow")
                .put("topLevel", false)
                .put("builtIn", false);
        ArrayNode executions = flow.putArray("authenticationExecutions");
        executions.addObject()
                .put("authenticator", RISK_CONDITION_PROVIDER_ID)
                .put("authenticatorConfig", "risk-config")
                .put("authenticatorFlow", false)
                .put("requirement", "REQUIRED")
                .put("priority", 10)
                .put("userSetupAllowed", false);
        executions.addObject()
                .put("authenticator", stepUpFactor)
                .put("authenticatorFlow", false)
                .put("requirement", "REQUIRED")
                .put("priority", 20)
                .put("userSetupAllowed", false);
        return flow;
    }
}
