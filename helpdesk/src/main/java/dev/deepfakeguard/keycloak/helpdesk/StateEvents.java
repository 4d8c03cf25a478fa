package dev.deepfakeguard.keycloak.helpdesk;

import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import dev.deepfakeguard.keycloak.helpdesk.store.RequestEntity;

/**
 * Every state change becomes a Keycloak admin event with the request's agent as actor (the realm's admin-event
 * listeners, the signed audit trail among them, see it like any other admin change). Changes made on the caller's
 * side name the agent as actor too and say so in {@link HelpdeskNames#DETAIL_ACTOR}.
 */
public final class StateEvents {

    public static final String ACTOR_AGENT = "agent";
    public static final String ACTOR_APPROVER = "approver";
    public static final String ACTOR_CALLER = "caller";
    public static final String ACTOR_SYSTEM = "system";
    private static final Logger LOG = Logger.getLogger(StateEvents.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    public StateEvents(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The change made by {@code auth} (the agent or approver who asked). */
    public void changed(RequestEntity request, AdminAuth auth, String actor) {
        changed(request, auth, actor, null);
    }

    /** The same with {@link HelpdeskNames#DETAIL_FACE} when {@code face} is not null. */
    public void changed(RequestEntity request, AdminAuth auth, String actor, String face) {
        AdminEventBuilder event = new AdminEventBuilder(realm, auth, session, session.getContext().getConnection())
                .operation(OperationType.ACTION)
                .resource(ResourceType.CUSTOM)
                .resourcePath(HelpdeskNames.RESOURCE_PATH + request.getId())
                .detail(HelpdeskNames.DETAIL_STATE, request.getState())
                .detail(HelpdeskNames.DETAIL_TICKET, request.getTicket())
                .detail(HelpdeskNames.DETAIL_USER, request.getUserId())
                .detail(HelpdeskNames.DETAIL_CHANNEL, HelpdeskNames.CHANNEL_EMAIL)
                .detail(HelpdeskNames.DETAIL_ACTOR, actor);
        if (face != null) {
            event.detail(HelpdeskNames.DETAIL_FACE, face);
        }
        event.success();
        HelpdeskState state = HelpdeskState.of(request.getState());
        if (!state.isOpen()) {
            HelpdeskMeters.global().outcome(realm.getName(), state);
        }
        LOG.infof("Helpdesk request %s in realm %s is now %s (ticket %s, agent %s, by %s)", request.getId(),
                realm.getName(), request.getState(), request.getTicket(), request.getAgentId(), actor);
    }

    /**
     * A refused call of an agent (unknown or foreign id, wrong code, wrong state, limits): an admin event with the
     * refusal in {@link HelpdeskNames#DETAIL_REFUSED} and the called path below the helpdesk API.
     */
    public void refused(AdminAuth auth, String calledPath, Refusal refusal) {
        String path = calledPath.length() > 200 ? calledPath.substring(0, 200) : calledPath;
        new AdminEventBuilder(realm, auth, session, session.getContext().getConnection())
                .operation(OperationType.ACTION)
                .resource(ResourceType.CUSTOM)
                .resourcePath(HelpdeskNames.API_PATH + path)
                .detail(HelpdeskNames.DETAIL_REFUSED, refusal.error())
                .success();
    }

    /** A change without an agent's token (the caller's page, an expiry): the request's agent stays the actor. */
    public void changedFor(RequestEntity request, String actor) {
        UserModel agent = session.users().getUserById(realm, request.getAgentId());
        ClientModel client = realm.getClientByClientId(HelpdeskNames.AGENT_CLIENT);
        if (agent == null || client == null) {
            LOG.warnf("Helpdesk request %s in realm %s is now %s; its agent or client is gone, so no admin event",
                    request.getId(), realm.getName(), request.getState());
            return;
        }
        changed(request, new AdminAuth(realm, null, agent, client), actor);
    }
}
