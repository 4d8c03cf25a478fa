package dev.deepfakeguard.keycloak.policy;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.scoring.ScoreResult;

import java.util.List;
import java.util.Set;

/**
 * A decision with its reasons and the scores behind it.
 *
 * @param fallback true when the scorer gave no verdict and the policy's fallback decided
 */
public record Verdict(Decision decision, List<String> reasons, boolean fallback, ScoreResult scores) {

    /** Reasons that point at an attack on the camera feed rather than a person failing the check. */
    private static final Set<String> DEEPFAKE_REASONS = Set.of(ReasonCodes.REPLAYED_MEDIA,
            ReasonCodes.VIRTUAL_CAMERA, ReasonCodes.SYNTHETIC_MEDIA, ReasonCodes.TIMING_IMPLAUSIBLE,
            ReasonCodes.REGULAR_FRAME_TIMING, ReasonCodes.UNIFORM_TINT);

    public Verdict {
        reasons = List.copyOf(reasons);
    }

    /** The Keycloak event error for a denial. */
    public String eventError() {
        if (fallback) {
            return EventErrors.LIVENESS_SCORER_UNAVAILABLE;
        }
        return reasons.stream().anyMatch(DEEPFAKE_REASONS::contains)
                ? EventErrors.DEEPFAKE_SUSPECTED
                : EventErrors.LIVENESS_FAILED;
    }

    /** The same verdict turned into a denial, with the reason why. */
    public Verdict denied(String reason) {
        List<String> more = new java.util.ArrayList<>(reasons);
        if (!more.contains(reason)) {
            more.add(reason);
        }
        return new Verdict(Decision.DENY, more, fallback, scores);
    }

    public String reasonList() {
        return String.join(",", reasons);
    }
}
