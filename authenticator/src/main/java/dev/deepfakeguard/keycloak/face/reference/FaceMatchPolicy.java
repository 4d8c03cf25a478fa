package dev.deepfakeguard.keycloak.face.reference;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.FlowKind;

/**
 * What a flow makes of the face match. Similarity (cosine, basis points) at or above {@code allowAt} allows, at or
 * above {@code stepUpAt} steps up, below denies as {@code face_mismatch}. {@code missingReference} is what an account
 * without a usable reference gets: {@link Decision#ALLOW} means liveness alone decides. {@code unavailable} applies
 * when matching cannot run (no or broken model) for an account that has a reference; it can never be an allow.
 */
public record FaceMatchPolicy(int allowAt, int stepUpAt, Decision missingReference, Decision unavailable) {

    /** Defaults chosen from the measurements in docs/face-reference.md; recalibrate for the operator's model. */
    public static final int LOGIN_ALLOW = 5000;
    public static final int LOGIN_STEP_UP = 4000;
    public static final int STRICT_ALLOW = 6000;
    public static final int STRICT_STEP_UP = 5000;

    public FaceMatchPolicy {
        if (stepUpAt < 0 || allowAt > 10_000 || stepUpAt > allowAt) {
            throw new IllegalArgumentException("face match thresholds must satisfy 0 <= step-up <= allow <= 10000");
        }
        if (missingReference == null || unavailable == null || unavailable == Decision.ALLOW) {
            throw new IllegalArgumentException("face match unavailable must be step_up or deny");
        }
    }

    /** Login: liveness only for accounts without a reference. Reset and admin: a step-up. */
    public static FaceMatchPolicy defaults(FlowKind flow) {
        return switch (flow) {
            case LOGIN -> new FaceMatchPolicy(LOGIN_ALLOW, LOGIN_STEP_UP, Decision.ALLOW, Decision.STEP_UP);
            case PASSWORD_RESET, ADMIN -> new FaceMatchPolicy(STRICT_ALLOW, STRICT_STEP_UP, Decision.STEP_UP,
                    Decision.STEP_UP);
        };
    }

    /** The decision for a measured similarity. */
    public Decision decide(int similarity) {
        if (similarity >= allowAt) {
            return Decision.ALLOW;
        }
        return similarity >= stepUpAt ? Decision.STEP_UP : Decision.DENY;
    }

    /** {@code allow/step_up} for event details. */
    public String describe() {
        return allowAt + "/" + stepUpAt;
    }
}
