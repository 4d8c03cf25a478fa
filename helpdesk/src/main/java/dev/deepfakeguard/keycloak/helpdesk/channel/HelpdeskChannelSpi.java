package dev.deepfakeguard.keycloak.helpdesk.channel;

import dev.deepfakeguard.keycloak.provider.ExtensionSpi;

/** The channels the helpdesk reaches a user on: the caller link and the reset notice. The module ships {@code email}. */
public final class HelpdeskChannelSpi extends ExtensionSpi {

    public static final String NAME = "deepfake-guard-helpdesk-channel";

    public HelpdeskChannelSpi() {
        super(NAME, HelpdeskChannel.class, HelpdeskChannelFactory.class);
    }
}
