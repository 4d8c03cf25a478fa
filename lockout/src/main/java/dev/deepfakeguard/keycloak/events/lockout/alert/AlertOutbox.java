package dev.deepfakeguard.keycloak.events.lockout.alert;

import dev.deepfakeguard.keycloak.events.lockout.LockoutConfig;
import dev.deepfakeguard.keycloak.events.lockout.store.LockoutStore;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/**
 * Queues the alerts of a lock in the lock's own transaction. Nothing here touches the network: the background
 * {@link AlertWorker} delivers.
 */
public final class AlertOutbox {

    private static final Logger LOG = Logger.getLogger(AlertOutbox.class);
    /** An alert role with thousands of members is a misconfiguration, not a mailing list. */
    private static final int MAX_RECIPIENTS = 50;

    private AlertOutbox() {
    }

    public static void enqueue(KeycloakSession session, LockoutStore store, RealmModel realm, LockoutConfig config,
                               LockAlert alert, long now) {
        String payload = alert.toJson();
        if (config.webhookUrl().isPresent()) {
            store.enqueue(realm.getId(), AlertChannel.WEBHOOK, "", payload, now);
        }
        config.alertRole().ifPresent(roleName -> {
            RoleModel role = realm.getRole(roleName);
            if (role == null) {
                LOG.warnf("Deepfake Guard alert role '%s' does not exist in realm %s; no e-mail sent", roleName,
                        realm.getName());
                return;
            }
            session.users().getRoleMembersStream(realm, role, 0, MAX_RECIPIENTS)
                    .filter(user -> user.getEmail() != null && user.isEnabled())
                    .forEach(user -> store.enqueue(realm.getId(), AlertChannel.EMAIL, user.getId(), payload, now));
        });
    }
}
