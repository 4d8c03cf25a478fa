package dev.deepfakeguard.keycloak.helpdesk;

import java.time.Duration;

import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

/**
 * Per-realm options (realm attributes). A realm may only make the server's settings stricter: a shorter caller link,
 * or a second factor enrolled again with the reset.
 */
public final class RealmHelpdeskOptions {

    public static final String PREFIX = "deepfake-guard.helpdesk.";
    /** Seconds the caller's link works in this realm; used only when shorter than the server's option. */
    public static final String LINK_TTL_SECONDS = PREFIX + "linkTtlSeconds";
    /** {@code true}: the reset also asks for a new authenticator app (OTP); the old one goes once it is set. */
    public static final String REENROL_OTP = PREFIX + "reenrolOtp";
    /**
     * {@code true}: a caller whose account already has a face reference may replace it after the verification;
     * otherwise only accounts without one are offered the enrolment.
     */
    public static final String REENROL_FACE = PREFIX + "reenrolFace";
    private static final Logger LOG = Logger.getLogger(RealmHelpdeskOptions.class);

    private RealmHelpdeskOptions() {
    }

    public static Duration linkTtl(RealmModel realm, Duration server) {
        String value = realm.getAttribute(LINK_TTL_SECONDS);
        if (value == null || value.isBlank()) {
            return server;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds > 0) {
                Duration own = Duration.ofSeconds(seconds);
                return own.compareTo(server) < 0 ? own : server;
            }
        } catch (NumberFormatException e) {
            // logged below
        }
        LOG.warnf("Realm %s: %s = '%s' is no positive number of seconds; the server's link TTL applies",
                realm.getName(), LINK_TTL_SECONDS, value);
        return server;
    }

    public static boolean reenrolOtp(RealmModel realm) {
        return Boolean.parseBoolean(realm.getAttribute(REENROL_OTP));
    }

    public static boolean reenrolFace(RealmModel realm) {
        return Boolean.parseBoolean(realm.getAttribute(REENROL_FACE));
    }
}
