package dev.deepfakeguard.keycloak.helpdesk;

import java.time.Duration;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.LoginActionsService;

import dev.deepfakeguard.keycloak.helpdesk.caller.VerifyLinkToken;
import dev.deepfakeguard.keycloak.helpdesk.channel.CallerLinkMessage;
import dev.deepfakeguard.keycloak.helpdesk.channel.ChannelException;
import dev.deepfakeguard.keycloak.helpdesk.channel.HelpdeskChannel;
import dev.deepfakeguard.keycloak.helpdesk.store.RequestEntity;

/**
 * The single-use link for the caller, sent only on a channel already on file. The link is an action token bound to
 * the request, the user and the address; it is never returned to the agent.
 */
final class CallerLink {

    private final KeycloakSession session;
    private final RealmModel realm;

    CallerLink(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    void send(HelpdeskChannel channel, RequestEntity request, UserModel user, UserModel agent, Duration ttl)
            throws ChannelException {
        VerifyLinkToken token = VerifyLinkToken.issue(user, request.getId(), ttl);
        String link = LoginActionsService.actionTokenProcessor(session.getContext().getUri())
                .queryParam("key", token.serialize(session, realm, session.getContext().getUri()))
                .build(realm.getName()).toString();
        channel.sendLink(realm, user, new CallerLinkMessage(DisplayName.of(agent), request.getTicket(), link, ttl));
    }
}
