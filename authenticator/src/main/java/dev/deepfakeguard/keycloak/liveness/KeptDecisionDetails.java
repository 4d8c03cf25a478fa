package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.contract.SessionNotes;
import org.keycloak.events.EventBuilder;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Puts the {@code dfg_} details kept with this sign-in's liveness decision on an event of a later request of the same
 * sign-in. Keycloak builds a fresh event for every request, so a LOGIN that a second factor or a required action
 * completes would otherwise carry none of them.
 */
public final class KeptDecisionDetails {

    private KeptDecisionDetails() {
    }

    public static void copyTo(AuthenticationSessionModel authSession, EventBuilder event) {
        DecisionDetails.decode(authSession.getAuthNote(SessionNotes.AUTH_EVENT_DETAILS)).forEach(event::detail);
    }
}
