package dev.deepfakeguard.keycloak.helpdesk;

import java.time.Duration;
import java.util.List;

import org.keycloak.authentication.actiontoken.execactions.ExecuteActionsActionToken;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resources.LoginActionsService;

/**
 * Issues the reset: Keycloak's own execute-actions link (UPDATE_PASSWORD, and CONFIGURE_TOTP where the authenticator
 * app is enrolled again; single use, short-lived), sent only to the user's e-mail address, and ends the user's other
 * sessions. The link exists only in that e-mail.
 */
final class ResetIssuer {

    private final KeycloakSession session;
    private final RealmModel realm;

    ResetIssuer(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    void issue(UserModel user, Duration ttl, boolean reenrolOtp) throws EmailException {
        int lifespan = (int) ttl.toSeconds();
        List<String> actions = reenrolOtp
                ? List.of(UserModel.RequiredAction.UPDATE_PASSWORD.name(), UserModel.RequiredAction.CONFIGURE_TOTP.name())
                : List.of(UserModel.RequiredAction.UPDATE_PASSWORD.name());
        ExecuteActionsActionToken token = new ExecuteActionsActionToken(user.getId(), user.getEmail(),
                Time.currentTime() + lifespan, actions, null, Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
        String link = LoginActionsService.actionTokenProcessor(session.getContext().getUri())
                .queryParam("key", token.serialize(session, realm, session.getContext().getUri()))
                .build(realm.getName()).toString();
        session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                .sendExecuteActions(link, lifespan);
        session.sessions().getUserSessionsStream(realm, user).toList()
                .forEach(userSession -> AuthenticationManager.backchannelLogout(session, realm, userSession,
                        session.getContext().getUri(), session.getContext().getConnection(),
                        session.getContext().getRequestHeaders(), true));
    }
}
