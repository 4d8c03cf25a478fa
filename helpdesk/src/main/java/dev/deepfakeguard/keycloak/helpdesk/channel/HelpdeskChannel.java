package dev.deepfakeguard.keycloak.helpdesk.channel;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;

import dev.deepfakeguard.keycloak.helpdesk.MaskedChannel;

/**
 * A way to reach a user on a contact already on file (e-mail, later SMS). A channel only ever sends to the value it
 * reads from the user; nothing an agent enters reaches it, so the agent cannot redirect the link or the notice.
 */
public interface HelpdeskChannel extends Provider {

    /** The provider id, also the channel type the agent page shows, e.g. {@code email}. */
    String id();

    /** Whether the user has this channel on file and verified, so that it may carry the link and the notice. */
    boolean onFile(UserModel user);

    /** The contact as the agent sees it; only called when {@link #onFile} is true. */
    MaskedChannel masked(UserModel user);

    /** Sends the single-use caller link; only called when {@link #onFile} is true. */
    void sendLink(RealmModel realm, UserModel user, CallerLinkMessage message) throws ChannelException;

    /** Tells the user a reset was issued; only called when {@link #onFile} is true. */
    void sendNotice(RealmModel realm, UserModel user, ResetNoticeMessage message) throws ChannelException;

    @Override
    default void close() {
    }
}
