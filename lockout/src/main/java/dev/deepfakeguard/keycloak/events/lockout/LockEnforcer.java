package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.contract.LockoutEventDetails;
import dev.deepfakeguard.keycloak.events.lockout.store.LockLevel;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKind;
import dev.deepfakeguard.keycloak.lockout.UserAttributeLockoutLookup;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

import java.time.Instant;
import java.util.List;

/**
 * Makes a user lock bite, in the transaction that sets it: the attribute every Deepfake Guard step reads, the
 * disabled flag and stated reason of a permanent lock, and the end of every session and offline session.
 */
final class LockEnforcer {

    private static final Logger LOG = Logger.getLogger(LockEnforcer.class);
    /** Written for a permanent lock, so the steps keep refusing even if someone re-enables the user by hand. */
    static final String PERMANENT_UNTIL = Long.toString(Long.MAX_VALUE);

    private LockEnforcer() {
    }

    static void enforce(KeycloakSession session, RealmModel realm, LockDecision lock) {
        if (lock.subject().kind() != SubjectKind.USER) {
            return; // source locks live only in the subject table, read by the lookup
        }
        UserModel user = session.users().getUserById(realm, lock.subject().subject());
        if (user == null) {
            LOG.warnf("Deepfake Guard lock for unknown user %s in realm %s", lock.subject().subject(),
                    realm.getName());
            return;
        }
        if (lock.level() == LockLevel.PERMANENT) {
            user.setSingleAttribute(UserAttributeLockoutLookup.LOCKED_UNTIL, PERMANENT_UNTIL);
            user.setSingleAttribute(LockoutEventDetails.DISABLED_REASON_ATTRIBUTE, "Deepfake Guard: locked "
                    + "permanently at " + Instant.ofEpochMilli(lock.lockedAt()) + " after repeated lockouts for "
                    + "failed liveness checks; an admin must unlock");
            user.setEnabled(false);
        } else {
            user.setSingleAttribute(UserAttributeLockoutLookup.LOCKED_UNTIL,
                    Long.toString(Math.floorDiv(lock.until(), 1000L)));
        }
        List<UserSessionModel> online = session.sessions().getUserSessionsStream(realm, user).toList();
        online.forEach(userSession -> session.sessions().removeUserSession(realm, userSession));
        List<UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, user).toList();
        offline.forEach(userSession -> session.sessions().removeOfflineUserSession(realm, userSession));
        LOG.infof("Deepfake Guard locked user %s in realm %s (%s, %s); ended %d sessions and %d offline sessions",
                user.getId(), realm.getName(), lock.level().value(), lock.reason(), online.size(), offline.size());
    }

    /** Lifts what {@link #enforce} set on the user. */
    static void release(UserModel user, boolean wasPermanent) {
        user.removeAttribute(UserAttributeLockoutLookup.LOCKED_UNTIL);
        if (wasPermanent || user.getFirstAttribute(LockoutEventDetails.DISABLED_REASON_ATTRIBUTE) != null) {
            user.removeAttribute(LockoutEventDetails.DISABLED_REASON_ATTRIBUTE);
            user.setEnabled(true);
        }
    }
}
