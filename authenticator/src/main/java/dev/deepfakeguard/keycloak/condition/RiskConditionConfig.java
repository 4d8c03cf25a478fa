package dev.deepfakeguard.keycloak.condition;

import dev.deepfakeguard.keycloak.contract.Decision;
import org.keycloak.models.AuthenticatorConfigModel;

import java.time.Duration;
import java.util.Map;

/**
 * Typed configuration of the risk condition. Each trigger can be switched off; {@code negate} inverts the result.
 * A broken value throws, and the condition then matches (asks for more proof) rather than waving a login through.
 */
record RiskConditionConfig(boolean onStepUp, boolean onFallback, boolean onFlaggedUser, boolean onPrivilegedUser,
                           Duration maxAge, Duration recentReset, boolean negate, boolean onFaceMismatch,
                           boolean onNoFaceReference) {

    static final String ON_STEP_UP = "dfg.risk.onStepUp";
    static final String ON_FALLBACK = "dfg.risk.onFallback";
    static final String ON_FLAGGED_USER = "dfg.risk.onFlaggedUser";
    static final String ON_PRIVILEGED_USER = "dfg.risk.onPrivilegedUser";
    static final String MAX_AGE_SECONDS = "dfg.risk.maxAgeSeconds";
    static final String RECENT_RESET_SECONDS = "dfg.risk.recentResetSeconds";
    static final String NEGATE = "negate";
    static final String ON_FACE_MISMATCH = "dfg.risk.onFaceMismatch";
    static final String ON_NO_FACE_REFERENCE = "dfg.risk.onNoFaceReference";

    /** Whether the face match of this sign-in (the {@code dfg.face.match} note, null if none ran) makes it risky. */
    boolean triggeredByFace(String faceMatch) {
        if (faceMatch == null) {
            return false;
        }
        return switch (faceMatch) {
            case "matched" -> false;
            case "no_reference" -> onNoFaceReference;
            case "mismatch", "uncertain" -> onFaceMismatch;
            // "unavailable" and anything unreadable: the fallback trigger's business, or risk if the note is forged.
            default -> onFallback || !"unavailable".equals(faceMatch);
        };
    }

    /**
     * Whether the liveness decision of this sign-in alone makes the (un-negated) condition true: any decision but
     * ALLOW with {@code onStepUp}, a fallback with {@code onFallback}. {@code decision} is null before the check ran.
     */
    boolean triggeredBy(Decision decision, boolean fallback) {
        return (onStepUp && decision != null && decision != Decision.ALLOW) || (onFallback && fallback);
    }

    /**
     * Whether the condition is certain to match a sign-in with this decision, whatever else holds for the user. A
     * negated condition never is: NOT(risky) is false exactly when the decision triggers it.
     */
    boolean certainlyMatches(Decision decision, boolean fallback) {
        return !negate && triggeredBy(decision, fallback);
    }

    static RiskConditionConfig from(AuthenticatorConfigModel model) {
        Map<String, String> values = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        return new RiskConditionConfig(flag(values, ON_STEP_UP, true), flag(values, ON_FALLBACK, true),
                flag(values, ON_FLAGGED_USER, true), flag(values, ON_PRIVILEGED_USER, false),
                seconds(values, MAX_AGE_SECONDS), seconds(values, RECENT_RESET_SECONDS), flag(values, NEGATE, false),
                flag(values, ON_FACE_MISMATCH, true), flag(values, ON_NO_FACE_REFERENCE, false));
    }

    private static boolean flag(Map<String, String> values, String key, boolean defaultValue) {
        String raw = values.get(key);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        return switch (raw.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false");
        };
    }

    /** Zero (the default) switches a time-based trigger off. */
    private static Duration seconds(Map<String, String> values, String key) {
        String raw = values.get(key);
        if (raw == null || raw.isBlank()) {
            return Duration.ZERO;
        }
        try {
            long seconds = Long.parseLong(raw.strip());
            if (seconds < 0 || seconds > Duration.ofDays(366).toSeconds()) {
                throw new IllegalArgumentException(key + " must be between 0 and 31622400");
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number of seconds");
        }
    }
}
