package dev.deepfakeguard.keycloak.it.support;

/**
 * Keys of the liveness authenticator's config as an admin types them. The authenticator keeps its own constants
 * package-private, so the ITs name them once here; a renamed key fails these tests, which is the point.
 */
public final class LivenessConfigKeys {

    public static final String SCORER = "dfg.scorer";
    public static final String FLOW = "dfg.flow";
    public static final String ALLOW_THRESHOLD = "dfg.allowThreshold";
    public static final String STEP_UP_THRESHOLD = "dfg.stepUpThreshold";
    public static final String SYNTHETIC_DENY_THRESHOLD = "dfg.syntheticDenyThreshold";
    public static final String MAX_ATTEMPTS = "dfg.maxAttempts";
    public static final String FALLBACK = "dfg.fallback";
    public static final String CHALLENGE_TTL_SECONDS = "dfg.challengeTtlSeconds";

    public static final String SCORER_EMBEDDED = "embedded";
    public static final String SCORER_HTTP = "http";

    private LivenessConfigKeys() {
    }
}
