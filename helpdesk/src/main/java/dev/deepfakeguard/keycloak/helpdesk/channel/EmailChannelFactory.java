package dev.deepfakeguard.keycloak.helpdesk.channel;

import org.keycloak.models.KeycloakSession;

import dev.deepfakeguard.keycloak.helpdesk.HelpdeskNames;

/** The {@code email} channel; its order makes it the link's channel whenever the user has a verified address. */
public final class EmailChannelFactory implements HelpdeskChannelFactory {

    static final int ORDER = 100;

    @Override
    public HelpdeskChannel create(KeycloakSession session) {
        return new EmailChannel(session);
    }

    @Override
    public String getId() {
        return HelpdeskNames.CHANNEL_EMAIL;
    }

    @Override
    public int order() {
        return ORDER;
    }
}
