package dev.deepfakeguard.keycloak.events.lockout.alert;

/** Values of the outbox's {@code CHANNEL} column. */
public final class AlertChannel {

    public static final String WEBHOOK = "webhook";
    public static final String EMAIL = "email";

    private AlertChannel() {
    }
}
