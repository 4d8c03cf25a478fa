package dev.deepfakeguard.keycloak.contract;

import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The notes of a sign-in's liveness decision ({@link SessionNotes}), written and read only here: the decision, whether
 * it came from the scorer-unavailable fallback, when a check last passed, the failed attempts and the face match. What cannot be read counts on the safe
 * side: an unknown decision is {@code deny}, a pass time that does not parse, lies ahead or is too old is no pass.
 */
public final class LivenessNotes {

    private LivenessNotes() {
    }

    /**
     * Notes a decision that lets the flow continue: decision, fallback and reasons on the authentication session (the
     * decision also on the user session), and for an allow the pass time on both.
     */
    public static void recordDecision(AuthenticationSessionModel authSession, Decision decision, boolean fallback,
                                      String reasons, long nowEpochSeconds) {
        authSession.setAuthNote(SessionNotes.AUTH_DECISION, decision.value());
        authSession.setAuthNote(SessionNotes.AUTH_FALLBACK, Boolean.toString(fallback));
        authSession.setAuthNote(SessionNotes.AUTH_REASONS, reasons);
        authSession.setUserSessionNote(SessionNotes.AUTH_DECISION, decision.value());
        if (decision == Decision.ALLOW) {
            String now = Long.toString(nowEpochSeconds);
            authSession.setAuthNote(SessionNotes.LIVENESS_PASSED_AT, now);
            authSession.setUserSessionNote(SessionNotes.LIVENESS_PASSED_AT, now);
        }
    }

    /** The decision of the latest check in this authentication session; empty before any. */
    public static Optional<Decision> decision(AuthenticationSessionModel authSession) {
        return Optional.ofNullable(authSession.getAuthNote(SessionNotes.AUTH_DECISION)).map(Decision::fromValue);
    }

    /**
     * The decision noted on a user session (the sign-in's decision, copied there by {@link #recordDecision}), for
     * readers that see only the user session; empty when there is none.
     */
    public static Optional<Decision> decision(UserSessionModel userSession) {
        return Optional.ofNullable(userSession.getNote(SessionNotes.AUTH_DECISION)).map(Decision::fromValue);
    }

    /** Whether that decision came from the scorer-unavailable fallback. */
    public static boolean fallback(AuthenticationSessionModel authSession) {
        return "true".equals(authSession.getAuthNote(SessionNotes.AUTH_FALLBACK));
    }

    /** The failed attempts of this sign-in: read once per request and handed along, not read again. */
    public static Attempts attempts(AuthenticationSessionModel authSession) {
        return Attempts.fromNote(authSession.getAuthNote(SessionNotes.AUTH_ATTEMPTS));
    }

    /** Notes one more failed attempt after {@code before} (what this request read) and returns the new count. */
    public static Attempts recordFailedAttempt(AuthenticationSessionModel authSession, Attempts before) {
        Attempts after = before.failedOnce();
        authSession.setAuthNote(SessionNotes.AUTH_ATTEMPTS, String.valueOf(after.used()));
        return after;
    }

    /** Notes the face match of this sign-in's check ({@link SessionNotes#FACE_MATCH} names the values). */
    public static void recordFaceMatch(AuthenticationSessionModel authSession, String faceMatch) {
        authSession.setAuthNote(SessionNotes.FACE_MATCH, faceMatch);
    }

    /** Notes the face match with the similarity behind it (basis points), so every event of the sign-in can name it. */
    public static void recordFaceMatch(AuthenticationSessionModel authSession, String faceMatch,
                                       OptionalInt similarity) {
        recordFaceMatch(authSession, faceMatch);
        similarity.ifPresent(score -> authSession.setAuthNote(SessionNotes.FACE_MATCH_SCORE,
                Integer.toString(score)));
    }

    /** The similarity noted with the face match; empty when none was computed. */
    public static Optional<String> faceMatchScore(AuthenticationSessionModel authSession) {
        return Optional.ofNullable(authSession.getAuthNote(SessionNotes.FACE_MATCH_SCORE));
    }

    /** Forgets the face match of an earlier check in this sign-in, before a new check decides. */
    public static void clearFaceMatch(AuthenticationSessionModel authSession) {
        authSession.removeAuthNote(SessionNotes.FACE_MATCH);
        authSession.removeAuthNote(SessionNotes.FACE_MATCH_SCORE);
    }

    /**
     * The face match as noted, unread: the risk condition judges every value, an unknown (forged) one included;
     * empty when matching did not run.
     */
    public static Optional<String> faceMatch(AuthenticationSessionModel authSession) {
        return Optional.ofNullable(authSession.getAuthNote(SessionNotes.FACE_MATCH));
    }

    /** Whether a check passed within {@code maxAgeSeconds}, in this sign-in or earlier in the user session. */
    public static boolean passedWithin(AuthenticationSessionModel authSession, long maxAgeSeconds,
                                       long nowEpochSeconds) {
        String passedAt = authSession.getAuthNote(SessionNotes.LIVENESS_PASSED_AT);
        if (passedAt == null) {
            passedAt = authSession.getUserSessionNotes().get(SessionNotes.LIVENESS_PASSED_AT);
        }
        return passedWithin(passedAt, maxAgeSeconds, nowEpochSeconds);
    }

    /** Whether the pass-time note {@code passedAtNote} (epoch seconds) lies within {@code maxAgeSeconds}. */
    public static boolean passedWithin(String passedAtNote, long maxAgeSeconds, long nowEpochSeconds) {
        if (passedAtNote == null) {
            return false;
        }
        try {
            long age = nowEpochSeconds - Long.parseLong(passedAtNote.strip());
            return age >= 0 && age <= maxAgeSeconds;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
