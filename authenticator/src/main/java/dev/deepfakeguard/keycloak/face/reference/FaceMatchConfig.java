package dev.deepfakeguard.keycloak.face.reference;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.FlowKind;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;
import java.util.Map;

/**
 * The face-match part of the liveness step's configuration: which matcher, and the flow's {@link FaceMatchPolicy}
 * (defaults from the step's policy kind, each value overridable). A value out of range throws; the step then refuses
 * sign-ins until an admin fixes it, as for its other settings.
 */
public record FaceMatchConfig(String matcherId, FaceMatchPolicy policy) {

    public static final String MATCHER = "dfg.face.matcher";
    public static final String ALLOW_THRESHOLD = "dfg.face.allowThreshold";
    public static final String STEP_UP_THRESHOLD = "dfg.face.stepUpThreshold";
    public static final String MISSING_REFERENCE = "dfg.face.missingReference";
    public static final String UNAVAILABLE = "dfg.face.unavailable";
    public static final String DEFAULT_MATCHER = "onnx";
    /** Matcher id that switches face matching off for the step. */
    public static final String NONE = "none";

    public boolean enabled() {
        return !NONE.equals(matcherId);
    }

    public static FaceMatchConfig from(Map<String, String> values, FlowKind flow) {
        FaceMatchPolicy defaults = FaceMatchPolicy.defaults(flow);
        String matcher = value(values, MATCHER, DEFAULT_MATCHER);
        if (!matcher.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException(MATCHER + " is not a provider id");
        }
        return new FaceMatchConfig(matcher, new FaceMatchPolicy(
                threshold(values, ALLOW_THRESHOLD, defaults.allowAt()),
                threshold(values, STEP_UP_THRESHOLD, defaults.stepUpAt()),
                decision(values, MISSING_REFERENCE, defaults.missingReference(), true),
                decision(values, UNAVAILABLE, defaults.unavailable(), false)));
    }

    private static String value(Map<String, String> values, String key, String fallback) {
        String raw = values.get(key);
        return raw == null || raw.isBlank() ? fallback : raw.strip();
    }

    private static int threshold(Map<String, String> values, String key, int fallback) {
        String raw = value(values, key, Integer.toString(fallback));
        try {
            int parsed = Integer.parseInt(raw);
            if (parsed < 0 || parsed > 10_000) {
                throw new IllegalArgumentException(key + " must be between 0 and 10000");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number");
        }
    }

    private static Decision decision(Map<String, String> values, String key, Decision fallback, boolean allowOk) {
        String raw = value(values, key, fallback.value());
        for (Decision decision : Decision.values()) {
            if (decision.value().equals(raw) && (allowOk || decision != Decision.ALLOW)) {
                return decision;
            }
        }
        throw new IllegalArgumentException(key + " must be " + (allowOk ? "allow, " : "") + "step_up or deny");
    }

    /** The settings in the flow editor, after the liveness step's own. */
    public static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(MATCHER).label("Face matcher")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_MATCHER)
                .helpText("Compares the live face with the account's face reference: 'onnx' (embedded, with the "
                        + "operator's model) or 'none' to switch matching off for this step.")
                .add()
                .property().name(ALLOW_THRESHOLD).label("Face match: allow at or above")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Similarity (basis points) from which the face is the account owner's. Empty = the "
                        + "policy's default: 5000 for login, 6000 for password_reset and admin.")
                .add()
                .property().name(STEP_UP_THRESHOLD).label("Face match: step up at or above")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Similarity from which a second factor is asked instead of a denial (face_mismatch). "
                        + "Empty = 4000 for login, 5000 for password_reset and admin.")
                .add()
                .property().name(MISSING_REFERENCE).label("Face match: account without a reference")
                .type(ProviderConfigProperty.LIST_TYPE).options("allow", "step_up", "deny")
                .helpText("What no_face_reference means: 'allow' = liveness alone decides (login default), "
                        + "'step_up' (password_reset and admin default) or 'deny'.")
                .add()
                .property().name(UNAVAILABLE).label("Face match: matcher unavailable")
                .type(ProviderConfigProperty.LIST_TYPE).options("step_up", "deny")
                .defaultValue("step_up")
                .helpText("What happens for an account with a reference when matching cannot run. Never allows.")
                .add()
                .build();
    }
}
