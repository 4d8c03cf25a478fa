package dev.deepfakeguard.keycloak.policy;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.FlowKind;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.scoring.ScoreResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns scores into a decision. Liveness at or above {@code allowAt} allows, at or above {@code stepUpAt} steps up,
 * below denies; a synthetic score at or above {@code syntheticDenyAt} denies whatever the liveness score. When the
 * scorer gives no verdict the {@code fallback} applies, which can never be {@link Decision#ALLOW}.
 */
public record Policy(int allowAt, int stepUpAt, int syntheticDenyAt, Decision fallback) {

    public Policy {
        requireBasisPoints(allowAt, "allow threshold");
        requireBasisPoints(stepUpAt, "step-up threshold");
        requireBasisPoints(syntheticDenyAt, "synthetic deny threshold");
        if (stepUpAt > allowAt) {
            throw new IllegalArgumentException("step-up threshold must not exceed the allow threshold");
        }
        if (fallback == null || fallback == Decision.ALLOW) {
            throw new IllegalArgumentException("fallback must be step_up or deny");
        }
    }

    /** Starting points from DESIGN §3; recalibrate with data (docs/scoring.md). */
    public static Policy defaults(FlowKind flow) {
        return switch (flow) {
            case LOGIN -> new Policy(6000, 4000, 5000, Decision.STEP_UP);
            case PASSWORD_RESET, ADMIN -> new Policy(8500, 7000, 5000, Decision.STEP_UP);
        };
    }

    public Verdict decide(ScoreResult result) {
        List<String> reasons = new ArrayList<>(result.reasonCodes());
        if (!result.isCompleted()) {
            return new Verdict(fallback, reasons, true, result);
        }
        if (result.syntheticScore() >= syntheticDenyAt) {
            addOnce(reasons, ReasonCodes.SYNTHETIC_MEDIA);
            return new Verdict(Decision.DENY, reasons, false, result);
        }
        if (result.livenessScore() >= allowAt) {
            return new Verdict(Decision.ALLOW, reasons, false, result);
        }
        if (result.livenessScore() >= stepUpAt) {
            addOnce(reasons, ReasonCodes.GREY_ZONE);
            return new Verdict(Decision.STEP_UP, reasons, false, result);
        }
        addOnce(reasons, ReasonCodes.LOW_LIVENESS);
        return new Verdict(Decision.DENY, reasons, false, result);
    }

    /** {@code allow/step_up/synthetic_deny} for event details and audit records. */
    public String describe() {
        return allowAt + "/" + stepUpAt + "/" + syntheticDenyAt;
    }

    private static void addOnce(List<String> reasons, String reason) {
        if (!reasons.contains(reason)) {
            reasons.add(reason);
        }
    }

    private static void requireBasisPoints(int value, String name) {
        if (value < 0 || value > ScoreResult.MAX_BASIS_POINTS) {
            throw new IllegalArgumentException(name + " must be between 0 and 10000 basis points");
        }
    }
}
