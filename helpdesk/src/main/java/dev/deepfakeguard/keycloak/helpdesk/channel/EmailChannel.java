package dev.deepfakeguard.keycloak.helpdesk.channel;

import java.util.Locale;
import java.util.ResourceBundle;

import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.deepfakeguard.keycloak.helpdesk.HelpdeskNames;
import dev.deepfakeguard.keycloak.helpdesk.MaskedChannel;

/** The user's verified e-mail address, sent to through the realm's SMTP settings (Keycloak's e-mail sender). */
final class EmailChannel implements HelpdeskChannel {

    private static final String BUNDLE = "dev.deepfakeguard.keycloak.helpdesk.mail";

    private final KeycloakSession session;

    EmailChannel(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String id() {
        return HelpdeskNames.CHANNEL_EMAIL;
    }

    @Override
    public boolean onFile(UserModel user) {
        return user.getEmail() != null && user.isEmailVerified();
    }

    @Override
    public MaskedChannel masked(UserModel user) {
        return MaskedChannel.email(user.getEmail());
    }

    @Override
    public void sendLink(RealmModel realm, UserModel user, CallerLinkMessage message) throws ChannelException {
        ResourceBundle text = text(user);
        String realmName = realmName(realm);
        String body = String.format(text.getString("body"), realmName, message.agentName(), message.ticket(),
                message.link(), message.ttl().toMinutes());
        send(realm, user, String.format(text.getString("subject"), realmName), body);
    }

    @Override
    public void sendNotice(RealmModel realm, UserModel user, ResetNoticeMessage message) throws ChannelException {
        ResourceBundle text = text(user);
        String realmName = realmName(realm);
        String contact = message.securityContact().isEmpty() ? text.getString("notice_contact_default")
                : message.securityContact();
        send(realm, user, String.format(text.getString("notice_subject"), realmName),
                String.format(text.getString("notice_body"), realmName, message.ticket(), contact));
    }

    private void send(RealmModel realm, UserModel user, String subject, String body) throws ChannelException {
        try {
            session.getProvider(EmailSenderProvider.class).send(realm.getSmtpConfig(), user, subject, body, null);
        } catch (EmailException e) {
            throw new ChannelException("e-mail delivery failed: " + e.getMessage(), e);
        }
    }

    private static ResourceBundle text(UserModel user) {
        String locale = user.getFirstAttribute(UserModel.LOCALE);
        return ResourceBundle.getBundle(BUNDLE, locale == null ? Locale.ENGLISH : Locale.forLanguageTag(locale));
    }

    private static String realmName(RealmModel realm) {
        return realm.getDisplayName() == null ? realm.getName() : realm.getDisplayName();
    }
}
