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
 * step-up (risk condition, then by default the one-time-code form) and the step that puts the decision on the LOGIN
 * event. Without {@link #otp} the user has no one-time-code app, so a step-up cannot be completed.
 */
public final class RealmBuilder {

    public static final String LIVENESS_PROVIDER_ID = "deepfake-guard-liveness";
    public static final String FLOW_ALIAS = "password-and-liveness";
    public static final String STEP_UP_FLOW_ALIAS = "password-and-liveness step-up";
    public static final String FIRST_FACTOR_FLOW_ALIAS = "password-and-liveness first factor";
    public static final String CHECK_FLOW_ALIAS = "password-and-liveness check or else";
    public static final String RISK_CONDITION_PROVIDER_ID = "deepfake-guard-risk-condition";
    /** Keycloak's one-time-code form: the second factor of the step-up unless a story changes it. */
    public static final String OTP_FORM_PROVIDER_ID = "auth-otp-form";
    /** Keycloak's password-only form: asks for the password again, which is no second factor. */
    public static final String PASSWORD_FORM_PROVIDER_ID = "auth-password-form";
    /** Keycloak's "Allow access": a step-up sub-flow with it asks for nothing at all. */
    public static final String ALLOW_ACCESS_PROVIDER_ID = "allow-access-authenticator";
    public static final String DECISION_EVENT_PROVIDER_ID = "deepfake-guard-decision-event";
    /** Accepted one-time codes ahead of the current period, so that many stories can each use a fresh code. */
    public static final int OTP_LOOK_AHEAD = 10;
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
    private final Map<String, String> riskConfig = new LinkedHashMap<>(Map.of(
            RiskConditionKeys.ON_STEP_UP, "true", RiskConditionKeys.ON_FALLBACK, "true"));
    private String stepUpFactor = OTP_FORM_PROVIDER_ID;
    private boolean riskBeforeLiveness;
    private String livenessAlternative;
    private OtpDevice otp;

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

    /** The authenticator behind the risk condition; {@link #OTP_FORM_PROVIDER_ID} unless changed. */
    public RealmBuilder stepUpFactor(String providerId) {
        stepUpFactor = providerId;
        return this;
    }

    /** One key of the risk condition's config ({@code dfg.risk.*} or {@code negate}). */
    public RealmBuilder risk(String key, Object value) {
        riskConfig.put(key, String.valueOf(value));
        return this;
    }

    /**
     * The step-up sub-flow comes before the liveness step instead of after it: inside a required "first factor"
     * sub-flow with the password form, which is complete before the liveness step runs.
     */
    public RealmBuilder riskBeforeLiveness() {
        riskBeforeLiveness = true;
        return this;
    }

    /**
     * The liveness step is ALTERNATIVE, beside {@code providerId} in a sub-flow of their own — a requirement the flow
     * editor does not offer for it, but that a realm import can still set.
     */
    public RealmBuilder livenessAlternativeTo(String providerId) {
        livenessAlternative = providerId;
        return this;
    }

    /** The user holds a one-time-code app with {@code device}'s secret; the realm accepts codes ahead of time. */
    public RealmBuilder otp(OtpDevice device) {
        otp = device;
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
                .put("loginTheme", loginTheme)
                .put("otpPolicyType", "totp")
                .put("otpPolicyAlgorithm", "HmacSHA1")
                .put("otpPolicyDigits", OtpDevice.DIGITS)
                .put("otpPolicyPeriod", OtpDevice.PERIOD.toSeconds())
                .put("otpPolicyLookAheadWindow", OTP_LOOK_AHEAD);
        realm.putArray("enabledEventTypes").add("LOGIN").add("LOGIN_ERROR").add("CODE_TO_TOKEN")
                .add("CODE_TO_TOKEN_ERROR").add("RESET_PASSWORD").add("RESET_PASSWORD_ERROR");
        realm.putArray("users").add(user(otp));
        realm.putArray("clients").add(client());
        ArrayNode flows = realm.putArray("authenticationFlows").add(flow());
        if (liveness) {
            flows.add(stepUpFlow());
            if (riskBeforeLiveness) {
                flows.add(firstFactorFlow());
            }
            if (livenessAlternative != null) {
                flows.add(checkOrElseFlow());
            }
            ArrayNode configs = realm.putArray("authenticatorConfig");
            ObjectNode map = configs.addObject().put("alias", "liveness-config").putObject("config");
            livenessConfig.forEach(map::put);
            ObjectNode risk = configs.addObject().put("alias", "risk-config").putObject("config");
            riskConfig.forEach(risk::put);
        }
        return realm;
    }

    private static ObjectNode user(OtpDevice otp) {
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
        if (otp != null) {
            user.withArray("credentials").add(otp.credential());
        }
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
        ObjectNode flow = flowRepresentation(FLOW_ALIAS, "Username and password, then the Deepfake Guard liveness check",
                true);
        ArrayNode executions = flow.withArray("authenticationExecutions");
        if (liveness && riskBeforeLiveness) {
            subFlow(executions, FIRST_FACTOR_FLOW_ALIAS, "REQUIRED", 10);
        } else {
            step(executions, "auth-username-password-form", "REQUIRED", 10);
        }
        if (liveness) {
            if (livenessAlternative == null) {
                step(executions, LIVENESS_PROVIDER_ID, "REQUIRED", 30).put("authenticatorConfig", "liveness-config");
            } else {
                subFlow(executions, CHECK_FLOW_ALIAS, "REQUIRED", 30);
            }
            // The liveness step denies a step-up that the flow cannot act on, so the flow routes it, as the demo
            // realm does, to a second factor behind the risk condition after the check.
            if (!riskBeforeLiveness) {
                subFlow(executions, STEP_UP_FLOW_ALIAS, "CONDITIONAL", 40);
            }
            step(executions, DECISION_EVENT_PROVIDER_ID, "REQUIRED", 50);
        }
        return flow;
    }

    private ObjectNode stepUpFlow() {
        ObjectNode flow = flowRepresentation(STEP_UP_FLOW_ALIAS, "Second factor after a step-up or a scorer outage",
                false);
        ArrayNode executions = flow.withArray("authenticationExecutions");
        step(executions, RISK_CONDITION_PROVIDER_ID, "REQUIRED", 10).put("authenticatorConfig", "risk-config");
        step(executions, stepUpFactor, "REQUIRED", 20);
        return flow;
    }

    private static ObjectNode firstFactorFlow() {
        ObjectNode flow = flowRepresentation(FIRST_FACTOR_FLOW_ALIAS,
                "Username and password, then a step-up that runs before any liveness decision", false);
        ArrayNode executions = flow.withArray("authenticationExecutions");
        step(executions, "auth-username-password-form", "REQUIRED", 10);
        subFlow(executions, STEP_UP_FLOW_ALIAS, "CONDITIONAL", 20);
        return flow;
    }

    private ObjectNode checkOrElseFlow() {
        ObjectNode flow = flowRepresentation(CHECK_FLOW_ALIAS, "The liveness check as one of two alternatives", false);
        ArrayNode executions = flow.withArray("authenticationExecutions");
        step(executions, LIVENESS_PROVIDER_ID, "ALTERNATIVE", 10).put("authenticatorConfig", "liveness-config");
        step(executions, livenessAlternative, "ALTERNATIVE", 20);
        return flow;
    }

    private static ObjectNode flowRepresentation(String alias, String description, boolean topLevel) {
        ObjectNode flow = JSON.createObjectNode()
                .put("alias", alias)
                .put("description", description)
                .put("providerId", "basic-flow")
                .put("topLevel", topLevel)
                .put("builtIn", false);
        flow.putArray("authenticationExecutions");
        return flow;
    }

    private static ObjectNode step(ArrayNode executions, String providerId, String requirement, int priority) {
        return executions.addObject()
                .put("authenticator", providerId)
                .put("authenticatorFlow", false)
                .put("requirement", requirement)
                .put("priority", priority)
                .put("userSetupAllowed", false);
    }

    private static void subFlow(ArrayNode executions, String alias, String requirement, int priority) {
        executions.addObject()
                .put("flowAlias", alias)
                .put("authenticatorFlow", true)
                .put("requirement", requirement)
                .put("priority", priority)
                .put("userSetupAllowed", false);
    }
}
