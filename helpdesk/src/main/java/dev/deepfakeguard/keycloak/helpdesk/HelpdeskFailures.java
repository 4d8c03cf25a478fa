package dev.deepfakeguard.keycloak.helpdesk;

import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.deepfakeguard.keycloak.contract.EventErrors;

/**
 * A failed verification on the agent's side becomes a user event with a lockout error, so the lockout listener
 * counts it against the user like a failed liveness check. The event names no IP address: the address is the
 * agent's, and a helpdesk office must not be locked as a source.
 */
final class HelpdeskFailures {

    static final String DETAIL_REQUEST = "dfg_helpdesk_request";

    private HelpdeskFailures() {
    }

    static void wrongCode(KeycloakSession session, RealmModel realm, UserModel user, String requestId) {
        new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.RESET_PASSWORD_ERROR)
                .client(HelpdeskNames.AGENT_CLIENT)
                .user(user)
                .ipAddress(null)
                .detail(DETAIL_REQUEST, requestId)
                .error(EventErrors.HELPDESK_CODE_WRONG);
    }
}
