package dev.deepfakeguard.keycloak.helpdesk.caller;

import java.time.Clock;

import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.helpdesk.CallerTransitions;
import dev.deepfakeguard.keycloak.helpdesk.HelpdeskNames;

/**
 * Ends the caller's request as "liveness failed" when the liveness step in the caller's flow has used up its
 * attempts. The step reports that only as an event, so this listener turns the event into the state change.
 */
final class LivenessOutcomeListener implements EventListenerProvider {

    private final KeycloakSession session;

    LivenessOutcomeListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (!HelpdeskNames.CALLER_CLIENT.equals(event.getClientId()) || event.getUserId() == null
                || !EventErrors.LIVENESS_ATTEMPTS_EXHAUSTED.equals(event.getError())) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm != null) {
            new CallerTransitions(session, realm, Clock.systemUTC()).failLiveness(event.getUserId());
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
