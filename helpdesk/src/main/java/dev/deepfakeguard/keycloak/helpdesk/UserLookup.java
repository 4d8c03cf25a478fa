package dev.deepfakeguard.keycloak.helpdesk;

import java.util.List;
import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

import dev.deepfakeguard.keycloak.helpdesk.channel.HelpdeskChannels;

/** Finds the users an agent may act on, with their channels masked and nothing else about them. */
public final class UserLookup {

    private static final int MAX_RESULTS = 10;
    /** Searched before the permission filter, so an agent with a narrow scope still finds the users in it. */
    private static final int SEARCHED = 100;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final HelpdeskSettings settings;
    private final HelpdeskChannels channels;

    public UserLookup(KeycloakSession session, RealmModel realm, HelpdeskSettings settings) {
        this.session = session;
        this.realm = realm;
        this.settings = settings;
        this.channels = HelpdeskChannels.of(session);
    }

    public List<UserView> search(Agent agent, String query) {
        if (!agent.verifier()) {
            throw new HelpdeskRefusal(Refusal.FORBIDDEN, "agent " + agent.id() + " is no verifier");
        }
        String trimmed = query == null ? "" : query.strip();
        if (trimmed.length() < 2 || trimmed.length() > 64) {
            throw new HelpdeskRefusal(Refusal.INVALID_INPUT, "search must be 2 to 64 characters");
        }
        var users = AdminPermissions.evaluator(session, realm, agent.auth()).users();
        return session.users().searchForUserStream(realm, Map.of(UserModel.SEARCH, trimmed), 0, SEARCHED)
                .filter(user -> !user.getId().equals(agent.id()))
                .filter(users::canManage)
                .limit(MAX_RESULTS)
                .map(this::view)
                .toList();
    }

    private UserView view(UserModel user) {
        return new UserView(user.getId(), user.getUsername(), DisplayName.of(user), channels.masked(user),
                PrivilegedTarget.isPrivileged(session, realm, user, settings.privilegedGroups()));
    }

    /** A user as the agent sees it. */
    public record UserView(String id, String username, String name, List<MaskedChannel> channels,
                           boolean privileged) {
    }
}
