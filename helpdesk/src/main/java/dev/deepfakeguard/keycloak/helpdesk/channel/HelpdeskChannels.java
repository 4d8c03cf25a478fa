package dev.deepfakeguard.keycloak.helpdesk.channel;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.deepfakeguard.keycloak.helpdesk.HelpdeskRefusal;
import dev.deepfakeguard.keycloak.helpdesk.MaskedChannel;
import dev.deepfakeguard.keycloak.helpdesk.Refusal;

/**
 * The deployed channels, highest factory order first: the agent sees each one on file masked, the caller link goes
 * to the first one on file, the reset notice to all of them. Only values on file are used; the agent enters none.
 */
public final class HelpdeskChannels {

    private static final Logger LOG = Logger.getLogger(HelpdeskChannels.class);

    private final List<HelpdeskChannel> channels;

    HelpdeskChannels(List<HelpdeskChannel> channels) {
        this.channels = List.copyOf(channels);
    }

    public static HelpdeskChannels of(KeycloakSession session) {
        return new HelpdeskChannels(session.getKeycloakSessionFactory()
                .getProviderFactoriesStream(HelpdeskChannel.class)
                .map(factory -> new Ranked(factory.getId(), factory.order()))
                .sorted(Comparator.comparingInt(Ranked::order).reversed().thenComparing(Ranked::id))
                .map(ranked -> session.getProvider(HelpdeskChannel.class, ranked.id()))
                .filter(Objects::nonNull)
                .toList());
    }

    public List<MaskedChannel> masked(UserModel user) {
        return channels.stream().filter(channel -> channel.onFile(user)).map(channel -> channel.masked(user)).toList();
    }

    /** The channel for the caller link; a user with none on file is refused before any request exists. */
    public HelpdeskChannel forLink(UserModel user) {
        return channels.stream().filter(channel -> channel.onFile(user)).findFirst()
                .orElseThrow(() -> new HelpdeskRefusal(Refusal.NO_CHANNEL,
                        "user " + user.getId() + " has no verified channel on file"));
    }

    /**
     * Notifies every channel on file. A channel that fails is logged and the others still get the notice; the
     * issued reset stands either way.
     *
     * @return the ids of the channels the notice reached, comma-separated, e.g. {@code email}
     */
    public String notifyReset(RealmModel realm, UserModel user, ResetNoticeMessage message) {
        return channels.stream().filter(channel -> channel.onFile(user))
                .filter(channel -> sentNotice(channel, realm, user, message))
                .map(HelpdeskChannel::id)
                .collect(Collectors.joining(","));
    }

    private static boolean sentNotice(HelpdeskChannel channel, RealmModel realm, UserModel user,
                                      ResetNoticeMessage message) {
        try {
            channel.sendNotice(realm, user, message);
            return true;
        } catch (ChannelException | RuntimeException e) {
            LOG.warnf("Helpdesk reset notice to user %s in realm %s could not be sent by %s: %s", user.getId(),
                    realm.getName(), channel.id(), e.getMessage());
            return false;
        }
    }

    private record Ranked(String id, int order) {
    }
}
