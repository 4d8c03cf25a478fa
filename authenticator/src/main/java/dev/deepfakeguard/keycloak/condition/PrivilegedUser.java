package dev.deepfakeguard.keycloak.condition;

import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.stream.Stream;

/**
 * Whether a user holds any administrative role: a role of the realm's {@code realm-management} client, or in the
 * master realm the {@code admin} and {@code create-realm} roles and the roles of the {@code <realm>-realm} clients.
 * Uses {@link UserModel#hasRole}, so roles granted through groups and composites count.
 */
final class PrivilegedUser {

    private static final String MASTER_ADMIN_CLIENT_SUFFIX = "-realm";

    private PrivilegedUser() {
    }

    static boolean isPrivileged(RealmModel realm, UserModel user) {
        Stream<ClientModel> adminClients = Stream.ofNullable(realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID));
        if (realm.getName().equals(org.keycloak.Config.getAdminRealm())) {
            if (Stream.of("admin", "create-realm").map(realm::getRole)
                    .anyMatch(role -> role != null && user.hasRole(role))) {
                return true;
            }
            adminClients = Stream.concat(adminClients, realm.getClientsStream()
                    .filter(client -> client.getClientId().endsWith(MASTER_ADMIN_CLIENT_SUFFIX)));
        }
        return adminClients.flatMap(ClientModel::getRolesStream).anyMatch(user::hasRole);
    }

}
