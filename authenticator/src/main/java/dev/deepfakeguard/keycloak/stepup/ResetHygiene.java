package dev.deepfakeguard.keycloak.stepup;

import dev.deepfakeguard.keycloak.contract.UserFlags;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import dev.deepfakeguard.keycloak.flow.UserStep;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

import java.time.Clock;
import java.util.List;

/**
 * "Deepfake Guard – After password reset": placed in the reset-credentials flow once the person has proved
 * liveness (and a second factor where needed). Ends every other session of the account, online and offline, so a
 * hijacked session does not survive the reset, and marks the account as recently reset so the risk condition can ask
 * for a step-up on admin logins and sensitive actions for a while.
 */
final class ResetHygiene implements UserStep {

    private static final Logger LOG = Logger.getLogger(ResetHygiene.class);

    private final Clock clock;

    ResetHygiene(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        List<UserSessionModel> online = session.sessions().getUserSessionsStream(realm, user).toList();
        online.forEach(userSession -> session.sessions().removeUserSession(realm, userSession));
        List<UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, user).toList();
        offline.forEach(userSession -> session.sessions().removeOfflineUserSession(realm, userSession));
        user.setSingleAttribute(UserFlags.PASSWORD_RESET_AT, Long.toString(clock.instant().getEpochSecond()));
        LOG.infof("Password reset for user %s in realm %s: ended %d sessions and %d offline sessions", user.getId(),
                realm.getName(), online.size(), offline.size());
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }
}
