package dev.deepfakeguard.keycloak.helpdesk;

import java.util.Locale;
import java.util.ResourceBundle;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Tells the user on every channel on file that the helpdesk issued a reset, and whom to contact if it was not them.
 * E-mail is the only channel so far; a channel that fails is logged, it does not take the issued reset back.
 */
final class ResetNotice {

    private static final Logger LOG = Logger.getLogger(ResetNotice.class);
    private static final String BUNDLE = "dev.deepfakeguard.keycloak.helpdesk.mail";

    private final KeycloakSession session;
    private final RealmModel realm;

    ResetNotice(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** @return the channels the notice reached, e.g. {@code email} */
    String send(UserModel user, String ticket, String securityContact) {
        if (user.getEmail() == null || !user.isEmailVerified()) {
            return "";
        }
        String locale = user.getFirstAttribute(UserModel.LOCALE);
        ResourceBundle text = ResourceBundle.getBundle(BUNDLE, locale == null ? Locale.ENGLISH
                : Locale.forLanguageTag(locale));
        String realmName = realm.getDisplayName() == null ? realm.getName() : realm.getDisplayName();
        String contact = securityContact.isEmpty() ? text.getString("notice_contact_default") : securityContact;
        try {
            session.getProvider(EmailSenderProvider.class).send(realm.getSmtpConfig(), user,
                    String.format(text.getString("notice_subject"), realmName),
                    String.format(text.getString("notice_body"), realmName, ticket, contact), null);
            return HelpdeskNames.CHANNEL_EMAIL;
        } catch (EmailException e) {
            LOG.warnf("Helpdesk reset notice to user %s in realm %s could not be sent by e-mail: %s", user.getId(),
                    realm.getName(), e.getMessage());
            return "";
        }
    }
}
