package dev.deepfakeguard.keycloak.helpdesk.channel;

import dev.deepfakeguard.keycloak.provider.StatelessFactory;

/**
 * Factory of a helpdesk channel. Every channel is used for the reset notice; the caller link goes to the channel on
 * file whose factory has the highest {@code order()} (e-mail unless an operator's provider outranks it). A channel
 * that needs settings (an SMS gateway's address, say) overrides {@code init}.
 */
public interface HelpdeskChannelFactory extends StatelessFactory<HelpdeskChannel> {
}
