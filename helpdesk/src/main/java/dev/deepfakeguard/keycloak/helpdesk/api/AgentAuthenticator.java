package dev.deepfakeguard.keycloak.helpdesk.api;

import java.util.Optional;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resources.admin.AdminAuth;

import dev.deepfakeguard.keycloak.helpdesk.Agent;
import dev.deepfakeguard.keycloak.helpdesk.HelpdeskNames;

/**
 * The agent behind a request: a valid bearer token of this realm, issued to the helpdesk client, of a user holding
 * at least one helpdesk role. Anything else is no agent.
 */
final class AgentAuthenticator {

    private AgentAuthenticator() {
    }

    static Optional<Agent> authenticate(KeycloakSession session, RealmModel realm) {
        AuthenticationManager.AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session)
                .setRealm(realm).authenticate();
        ClientModel client = realm.getClientByClientId(HelpdeskNames.AGENT_CLIENT);
        if (result == null || client == null || !client.isEnabled()
                || !HelpdeskNames.AGENT_CLIENT.equals(result.token().getIssuedFor())) {
            return Optional.empty();
        }
        UserModel user = result.user();
        boolean verifier = holds(user, client, HelpdeskNames.VERIFIER_ROLE);
        boolean approver = holds(user, client, HelpdeskNames.APPROVER_ROLE);
        if (!verifier && !approver) {
            return Optional.empty();
        }
        return Optional.of(new Agent(new AdminAuth(realm, result.token(), user, result.client()), verifier,
                approver));
    }

    private static boolean holds(UserModel user, ClientModel client, String roleName) {
        RoleModel role = client.getRole(roleName);
        return role != null && user.hasRole(role);
    }
}
