package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.contract.LivenessForm;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.contract.SessionNotes;
import dev.deepfakeguard.keycloak.contract.Sha256;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;

/**
 * Admits a submission only against the challenge of this authentication session. The challenge is taken out of the
 * session before anything is checked, so every challenge answers at most one submission; the nonce is also claimed
 * cluster-wide so that a copy of the session replayed on another node cannot answer it twice.
 */
final class ChallengeGate {

    private static final String NONCE_KEY_PREFIX = "dfg-nonce:";

    private final Clock clock;

    ChallengeGate(Clock clock) {
        this.clock = clock;
    }

    void open(AuthenticationSessionModel authSession, Challenge challenge) {
        authSession.setAuthNote(SessionNotes.AUTH_CHALLENGE, challenge.serialize());
    }

    /** Closes the open challenge unanswered (the person chose the path without a camera): it can never be used. */
    void withdraw(AuthenticationSessionModel authSession) {
        authSession.removeAuthNote(SessionNotes.AUTH_CHALLENGE);
    }

    Challenge consume(AuthenticationSessionModel authSession, MultivaluedMap<String, String> form,
                      SingleUseObjectProvider singleUse) throws RejectedSubmission {
        String note = authSession.getAuthNote(SessionNotes.AUTH_CHALLENGE);
        authSession.removeAuthNote(SessionNotes.AUTH_CHALLENGE);
        if (note == null) {
            throw challengeProblem(ReasonCodes.CHALLENGE_MISSING, "no open challenge in this authentication session");
        }
        Challenge challenge;
        try {
            challenge = Challenge.parse(note);
        } catch (IllegalArgumentException e) {
            throw challengeProblem(ReasonCodes.CHALLENGE_MISSING, "challenge note unreadable");
        }
        if (!constantTimeEquals(challenge.id(), form.getFirst(LivenessForm.CHALLENGE_ID))
                | !constantTimeEquals(challenge.nonce(), form.getFirst(LivenessForm.NONCE))) {
            throw challengeProblem(ReasonCodes.CHALLENGE_MISMATCH,
                    "submission does not answer the challenge of this authentication session");
        }
        long now = clock.millis();
        if (challenge.isExpiredAt(now)) {
            throw challengeProblem(ReasonCodes.CHALLENGE_EXPIRED, "challenge expired");
        }
        long lifespanSeconds = Math.max(1, (challenge.expiresAtMillis() - now) / 1000 + 1);
        // The store never sees the nonce itself, only its hash.
        if (!singleUse.putIfAbsent(NONCE_KEY_PREFIX + Sha256.hex(challenge.nonce()), lifespanSeconds)) {
            throw challengeProblem(ReasonCodes.NONCE_REPLAYED, "challenge nonce already used");
        }
        return challenge;
    }

    private static RejectedSubmission challengeProblem(String reason, String message) {
        return new RejectedSubmission(RejectedSubmission.Kind.CHALLENGE, reason, message);
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        if (actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }
}
