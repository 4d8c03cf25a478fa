package dev.deepfakeguard.keycloak.events.lockout.alert;

import java.util.Set;

/**
 * Why a delivery did not succeed: a coarse, stable {@code code} that the admin API shows, and a {@code detail} for the
 * server log only. A realm admin chooses the webhook URL, so telling them the receiver's status code, the
 * connection error or a part of its answer would make the alert status a probe of whatever that URL reaches; the
 * operator, who runs the server, reads the detail in its log.
 */
public record AlertFailure(String code, String detail) {

    /** The webhook did not accept the alert: no connection, a timeout, TLS, any status other than 2xx. */
    static final String DELIVERY_FAILED = "delivery_failed";
    /** The realm has no webhook URL (any more). */
    static final String NOT_CONFIGURED = "not_configured";
    /** The webhook secret's vault reference resolves to nothing. */
    static final String SECRET_UNAVAILABLE = "secret_unavailable";
    /** The webhook secret is a literal and the server does not allow literals. */
    static final String SECRET_LITERAL = "secret_literal_refused";
    /** The e-mail could not be handed to the realm's SMTP server. */
    static final String EMAIL_FAILED = "email_failed";
    /** The e-mail recipient no longer exists or has no address. */
    static final String RECIPIENT_GONE = "recipient_gone";

    static final Set<String> CODES = Set.of(DELIVERY_FAILED, NOT_CONFIGURED, SECRET_UNAVAILABLE, SECRET_LITERAL,
            EMAIL_FAILED, RECIPIENT_GONE);

    /**
     * What the admin API shows for a stored error: the code itself, or {@code delivery_failed} for anything else
     * (rows written by earlier versions held the detail).
     */
    public static String shown(String stored) {
        if (stored == null) {
            return null;
        }
        return CODES.contains(stored) ? stored : DELIVERY_FAILED;
    }

    @Override
    public String toString() {
        return code + " (" + detail + ")";
    }
}
