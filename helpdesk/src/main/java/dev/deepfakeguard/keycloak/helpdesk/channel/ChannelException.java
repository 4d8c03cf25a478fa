package dev.deepfakeguard.keycloak.helpdesk.channel;

/** A channel could not deliver; the message is for the log only. */
public final class ChannelException extends Exception {

    public ChannelException(String message, Throwable cause) {
        super(message, cause);
    }
}
