package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.EventDetails;
import dev.deepfakeguard.keycloak.contract.SessionNotes;
import dev.deepfakeguard.keycloak.policy.Verdict;
import org.keycloak.events.EventBuilder;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.time.Clock;

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

    void details(EventBuilder event, LivenessConfig config, Challenge challenge, Verdict verdict, int attempt) {
        event.detail(EventDetails.DECISION, verdict.decision().value())
                .detail(EventDetails.LIVENESS_SCORE, Integer.toString(verdict.scores().livenessScore()))
                .detail(EventDetails.SYNTHETIC_SCORE, Integer.toString(verdict.scores().syntheticScore()))
                .detail(EventDetails.SCORER, verdict.scores().scorerId())
                .detail(EventDetails.MODEL_VERSION, verdict.scores().modelVersion())
                .detail(EventDetails.REASONS, verdict.reasonList())
                .detail(EventDetails.FLOW, config.flow().value())
                .detail(EventDetails.THRESHOLDS, config.policy().describe())
                .detail(EventDetails.ATTEMPT, Integer.toString(attempt));
        if (challenge != null) {
            event.detail(EventDetails.CHALLENGE_ID, challenge.id());
        }
    }

    /** Notes of a decision that lets the flow continue (allow or step-up). */
    void notes(AuthenticationSessionModel authSession, Verdict verdict) {
        authSession.setAuthNote(SessionNotes.AUTH_DECISION, verdict.decision().value());
        authSession.setAuthNote(SessionNotes.AUTH_FALLBACK, Boolean.toString(verdict.fallback()));
        authSession.setAuthNote(SessionNotes.AUTH_REASONS, verdict.reasonList());
        authSession.setUserSessionNote(SessionNotes.AUTH_DECISION, verdict.decision().value());
        if (verdict.decision() == Decision.ALLOW) {
            String now = Long.toString(clock.instant().getEpochSecond());
            authSession.setAuthNote(SessionNotes.LIVENESS_PASSED_AT, now);
            authSession.setUserSessionNote(SessionNotes.LIVENESS_PASSED_AT, now);
        }
    }
}
