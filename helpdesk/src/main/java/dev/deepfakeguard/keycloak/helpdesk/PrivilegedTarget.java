package dev.deepfakeguard.keycloak.helpdesk;

import java.util.List;

import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Users whose reset always needs a second agent: anyone holding a role of the realm's {@code realm-management}
 * client (directly, through a group or a composite), and members of the configured groups or their subgroups.
 */
final class PrivilegedTarget {

    private PrivilegedTarget() {
    }

    static boolean isPrivileged(KeycloakSession session, RealmModel realm, UserModel user, List<String> groupPaths) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        if (management != null && management.getRolesStream().anyMatch(user::hasRole)) {
            return true;
        }
        return groupPaths.stream().map(path -> KeycloakModelUtils.findGroupByPath(session, realm, path))
                .anyMatch(group -> group != null && user.isMemberOf(group));
    }
}
