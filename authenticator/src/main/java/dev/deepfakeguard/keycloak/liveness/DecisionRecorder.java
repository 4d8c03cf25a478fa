package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.contract.EventDetails;
import dev.deepfakeguard.keycloak.contract.LivenessNotes;
import dev.deepfakeguard.keycloak.contract.SessionNotes;
import dev.deepfakeguard.keycloak.policy.Verdict;
import org.keycloak.events.EventBuilder;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a decision where the rest of Keycloak and Deepfake Guard read it: event details (every decision) and
 * session notes (the decision of this authentication session; the time of the last pass for conditions, mappers and
 * max-age checks).
 */
final class DecisionRecorder {

    private final Clock clock;

    DecisionRecorder(Clock clock) {
        this.clock = clock;
    }

    void details(EventBuilder event, AuthenticationSessionModel authSession, LivenessConfig config,
                 Challenge challenge, Verdict verdict, int attempt) {
        detailsOf(authSession, config, challenge, verdict, attempt).forEach(event::detail);
    }

    /** The same details, kept so the request that completes the sign-in can put them on its LOGIN event. */
    void keepDetails(AuthenticationSessionModel authSession, LivenessConfig config, Challenge challenge,
                     Verdict verdict, int attempt) {
        authSession.setAuthNote(SessionNotes.AUTH_EVENT_DETAILS,
                DecisionDetails.encode(detailsOf(authSession, config, challenge, verdict, attempt)));
    }

    private static Map<String, String> detailsOf(AuthenticationSessionModel authSession, LivenessConfig config,
                                                 Challenge challenge, Verdict verdict, int attempt) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put(EventDetails.DECISION, verdict.decision().value());
        details.put(EventDetails.LIVENESS_SCORE, Integer.toString(verdict.scores().livenessScore()));
        details.put(EventDetails.SYNTHETIC_SCORE, Integer.toString(verdict.scores().syntheticScore()));
        details.put(EventDetails.SCORER, verdict.scores().scorerId());
        details.put(EventDetails.MODEL_VERSION, verdict.scores().modelVersion());
        details.put(EventDetails.REASONS, verdict.reasonList());
        details.put(EventDetails.FLOW, config.flow().value());
        details.put(EventDetails.THRESHOLDS, config.policy().describe());
        details.put(EventDetails.ATTEMPT, Integer.toString(attempt));
        if (challenge != null) {
            details.put(EventDetails.CHALLENGE_ID, challenge.id());
        }
        LivenessNotes.faceMatch(authSession).ifPresent(match -> details.put(EventDetails.FACE_MATCH, match));
        LivenessNotes.faceMatchScore(authSession).ifPresent(score -> details.put(EventDetails.FACE_MATCH_SCORE, score));
        return details;
    }

    /** Notes of a decision that lets the flow continue (allow or step-up). */
    void notes(AuthenticationSessionModel authSession, Verdict verdict) {
        LivenessNotes.recordDecision(authSession, verdict.decision(), verdict.fallback(), verdict.reasonList(),
                clock.instant().getEpochSecond());
    }
}
