package dev.deepfakeguard.keycloak.condition;

import org.keycloak.models.AuthenticatorConfigModel;

import java.time.Duration;
import java.util.Map;

/**
 * Typed configuration of the risk condition. Each trigger can be switched off; {@code negate} inverts the result.
 * A broken value throws, and the condition then matches (asks for more proof) rather than waving a login through.
 */
record RiskConditionConfig(boolean onStepUp, boolean onFallback, boolean onFlaggedUser, Duration maxAge,
                           boolean negate) {

    static final String ON_STEP_UP = "dfg.risk.onStepUp";
    static final String ON_FALLBACK = "dfg.risk.onFallback";
    static final String ON_FLAGGED_USER = "dfg.risk.onFlaggedUser";
    static final String MAX_AGE_SECONDS = "dfg.risk.maxAgeSeconds";
    static final String NEGATE = "negate";

    static RiskConditionConfig from(AuthenticatorConfigModel model) {
        Map<String, String> values = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        return new RiskConditionConfig(flag(values, ON_STEP_UP, true), flag(values, ON_FALLBACK, true),
                flag(values, ON_FLAGGED_USER, true), maxAge(values.get(MAX_AGE_SECONDS)),
                flag(values, NEGATE, false));
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

    /** Zero (the default) switches the max-age trigger off. */
    private static Duration maxAge(String raw) {
        if (raw == null || raw.isBlank()) {
            return Duration.ZERO;
        }
        try {
            long seconds = Long.parseLong(raw.strip());
            if (seconds < 0 || seconds > Duration.ofDays(366).toSeconds()) {
                throw new IllegalArgumentException(MAX_AGE_SECONDS + " must be between 0 and 31622400");
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_AGE_SECONDS + " must be a whole number of seconds");
        }
    }
}
