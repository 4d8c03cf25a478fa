package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.FlowKind;
import dev.deepfakeguard.keycloak.face.reference.FaceMatchConfig;
import dev.deepfakeguard.keycloak.policy.Policy;
import dev.deepfakeguard.keycloak.scoring.ScorerSettings;
import org.keycloak.models.AuthenticatorConfigModel;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Typed view of the liveness authenticator's configuration. Every value has a default and a range; a value out of
 * range is an error ({@link InvalidConfigException}), never silently replaced, so a typo cannot weaken the policy.
 */
record LivenessConfig(String scorerId, FlowKind flow, Policy policy, int maxAttempts, Duration challengeTtl,
                      String analysedBy, ScorerSettings scorerSettings, FaceMatchConfig face) {

    static final String SCORER = "dfg.scorer";
    static final String FLOW = "dfg.flow";
    static final String ALLOW_THRESHOLD = "dfg.allowThreshold";
    static final String STEP_UP_THRESHOLD = "dfg.stepUpThreshold";
    static final String SYNTHETIC_DENY_THRESHOLD = "dfg.syntheticDenyThreshold";
    static final String MAX_ATTEMPTS = "dfg.maxAttempts";
    static final String FALLBACK = "dfg.fallback";
    static final String CHALLENGE_TTL_SECONDS = "dfg.challengeTtlSeconds";
    static final String ANALYSED_BY = "dfg.analysedBy";

    static final String DEFAULT_SCORER = "embedded";
    static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final int DEFAULT_CHALLENGE_TTL_SECONDS = 120;

    static LivenessConfig from(AuthenticatorConfigModel model) {
        Map<String, String> values = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        ScorerSettings settings = ScorerSettings.of(values);
        FlowKind flow = settings.get(FLOW)
                .map(value -> FlowKind.fromValue(value)
                        .orElseThrow(() -> new InvalidConfigException(FLOW + " must be login, password_reset or admin")))
                .orElse(FlowKind.LOGIN);
        Policy defaults = Policy.defaults(flow);
        Decision fallback = settings.get(FALLBACK).map(LivenessConfig::parseFallback).orElse(defaults.fallback());
        Policy policy;
        try {
            policy = new Policy(
                    intValue(settings, ALLOW_THRESHOLD, 0, 10_000).orElse(defaults.allowAt()),
                    intValue(settings, STEP_UP_THRESHOLD, 0, 10_000).orElse(defaults.stepUpAt()),
                    intValue(settings, SYNTHETIC_DENY_THRESHOLD, 1, 10_000).orElse(defaults.syntheticDenyAt()),
                    fallback);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(ALLOW_THRESHOLD + " / " + STEP_UP_THRESHOLD + ": " + e.getMessage());
        }
        String scorer = settings.get(SCORER).orElse(DEFAULT_SCORER);
        if (!scorer.matches("[a-z0-9-]{1,64}")) {
            throw new InvalidConfigException(SCORER + " is not a provider id");
        }
        return new LivenessConfig(scorer, flow, policy,
                intValue(settings, MAX_ATTEMPTS, 1, 10).orElse(DEFAULT_MAX_ATTEMPTS),
                Duration.ofSeconds(intValue(settings, CHALLENGE_TTL_SECONDS, 5, 600)
                        .orElse(DEFAULT_CHALLENGE_TTL_SECONDS)),
                settings.get(ANALYSED_BY).orElse(""),
                settings, faceConfig(values, flow));
    }

    private static FaceMatchConfig faceConfig(Map<String, String> values, FlowKind flow) {
        try {
            return FaceMatchConfig.from(values, flow);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(e.getMessage());
        }
    }

    private static Decision parseFallback(String value) {
        Decision decision = Decision.fromValue(value);
        if (decision == Decision.ALLOW || !decision.value().equals(value)) {
            throw new InvalidConfigException(FALLBACK + " must be step_up or deny");
        }
        return decision;
    }

    private static Optional<Integer> intValue(ScorerSettings settings, String key, int min, int max) {
        return settings.get(key).map(raw -> {
            try {
                int value = Integer.parseInt(raw);
                if (value < min || value > max) {
                    throw new InvalidConfigException(key + " must be between " + min + " and " + max);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new InvalidConfigException(key + " must be a whole number");
            }
        });
    }

    /** A configuration an admin must fix; the message names the key and the allowed values, never a secret. */
    static final class InvalidConfigException extends IllegalArgumentException {
        InvalidConfigException(String message) {
            super(message);
        }
    }
}
