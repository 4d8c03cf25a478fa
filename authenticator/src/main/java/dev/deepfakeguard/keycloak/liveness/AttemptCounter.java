package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.contract.SessionNotes;
import org.keycloak.sessions.AuthenticationSessionModel;

/** Failed liveness attempts of one authentication session. A note that does not parse counts as exhausted. */
final class AttemptCounter {

    private AttemptCounter() {
    }

    static int used(AuthenticationSessionModel authSession) {
        String raw = authSession.getAuthNote(SessionNotes.AUTH_ATTEMPTS);
        if (raw == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(raw));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Records one more failed attempt and returns the number used so far. */
    static int recordFailure(AuthenticationSessionModel authSession) {
        int used = used(authSession);
        int next = used == Integer.MAX_VALUE ? used : used + 1;
        authSession.setAuthNote(SessionNotes.AUTH_ATTEMPTS, String.valueOf(next));
        return next;
    }
}
