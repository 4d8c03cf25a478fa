package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.Messages;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.policy.Verdict;

import java.util.List;
import java.util.Map;

/**
 * Which message a person sees after a denied check: what to change, when the reason is something they can change
 * (their face out of view, a second person, no head turn). Evidence of manipulation and low scores get the generic
 * message: telling a forger which signal caught them would help them, not the person.
 */
final class Guidance {

    /** First matching reason wins; ordered from what blocks everything else to finer points. */
    private static final List<Map.Entry<String, String>> ACTIONABLE = List.of(
            Map.entry(ReasonCodes.NO_FACE, Messages.NO_FACE),
            Map.entry(ReasonCodes.MULTIPLE_FACES, Messages.MULTIPLE_FACES),
            Map.entry(ReasonCodes.FACE_TOO_SMALL, Messages.FACE_TOO_SMALL),
            Map.entry(ReasonCodes.FACE_TOO_CLOSE, Messages.FACE_TOO_CLOSE),
            Map.entry(ReasonCodes.FACE_NOT_CENTRED, Messages.FACE_NOT_CENTRED),
            Map.entry(ReasonCodes.HEAD_TURN_MISSING, Messages.HEAD_TURN),
            Map.entry(ReasonCodes.HEAD_TURN_WRONG_WAY, Messages.HEAD_TURN),
            Map.entry(ReasonCodes.HEAD_TURN_EARLY, Messages.HEAD_TURN));

    private Guidance() {
    }

    static String messageFor(Verdict verdict) {
        if (verdict.fallback()) {
            return Messages.SCORER_UNAVAILABLE;
        }
        if (!EventErrors.LIVENESS_FAILED.equals(verdict.eventError())) {
            return Messages.LIVENESS_FAILED;
        }
        for (Map.Entry<String, String> entry : ACTIONABLE) {
            if (verdict.reasons().contains(entry.getKey())) {
                return entry.getValue();
            }
        }
        return Messages.LIVENESS_FAILED;
    }
}
