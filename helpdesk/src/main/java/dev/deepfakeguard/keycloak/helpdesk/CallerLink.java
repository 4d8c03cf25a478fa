package dev.deepfakeguard.keycloak.helpdesk;

import java.time.Duration;
import java.util.Locale;
import java.util.ResourceBundle;

import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.LoginActionsService;

import dev.deepfakeguard.keycloak.helpdesk.caller.VerifyLinkToken;
import dev.deepfakeguard.keycloak.helpdesk.store.RequestEntity;

/**
 * The single-use link for the caller, sent only to the e-mail address on file (Keycloak's SMTP settings). The link
 * is an action token bound to the request, the user and the address; it is never returned to the agent.
 */
final class CallerLink {

    private static final String BUNDLE = "dev.deepfakeguard.keycloak.helpdesk.mail";

    private final KeycloakSession session;
    private final RealmModel realm;

    CallerLink(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    void send(RequestEntity request, UserModel user, UserModel agent, Duration ttl) throws EmailException {
        VerifyLinkToken token = VerifyLinkToken.issue(user, request.getId(), ttl);
        String link = LoginActionsService.actionTokenProcessor(session.getContext().getUri())
                .queryParam("key", token.serialize(session, realm, session.getContext().getUri()))
                .build(realm.getName()).toString();
        ResourceBundle text = ResourceBundle.getBundle(BUNDLE, localeOf(user));
        String agentName = DisplayName.of(agent);
        String realmName = realm.getDisplayName() == null ? realm.getName() : realm.getDisplayName();
        String body = String.format(text.getString("body"), realmName, agentName, request.getTicket(), link,
                ttl.toMinutes());
        session.getProvider(EmailSenderProvider.class).send(realm.getSmtpConfig(), user,
                String.format(text.getString("subject"), realmName), body, null);
    }

    private static Locale localeOf(UserModel user) {
        String locale = user.getFirstAttribute(UserModel.LOCALE);
        return locale == null ? Locale.ENGLISH : Locale.forLanguageTag(locale);
    }
}
