package dev.deepfakeguard.keycloak.alerting;

import java.time.Duration;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

/**
 * When the rate alert fires: more than {@code threshold} suspected deepfakes in one realm within {@code window}.
 * Realm attributes {@value #THRESHOLD} (1–100000; absent or 0: off) and {@value #WINDOW_SECONDS} (60–86400, default
 * 600). An unreadable value switches the alert off for that realm and says so in the log.
 */
record DeepfakeRateSettings(int threshold, Duration window) {

    static final String THRESHOLD = "deepfake-guard.deepfake-rate.threshold";
    static final String WINDOW_SECONDS = "deepfake-guard.deepfake-rate.windowSeconds";
    static final int DEFAULT_WINDOW_SECONDS = 600;
    private static final Logger LOG = Logger.getLogger(DeepfakeRateSettings.class);

    static Optional<DeepfakeRateSettings> of(RealmModel realm) {
        return of(realm.getName(), realm.getAttribute(THRESHOLD), realm.getAttribute(WINDOW_SECONDS));
    }

    static Optional<DeepfakeRateSettings> of(String realm, String threshold, String windowSeconds) {
        if (threshold == null || threshold.isBlank() || "0".equals(threshold.strip())) {
            return Optional.empty();
        }
        try {
            int count = Integer.parseInt(threshold.strip());
            int seconds = windowSeconds == null || windowSeconds.isBlank() ? DEFAULT_WINDOW_SECONDS
                    : Integer.parseInt(windowSeconds.strip());
            if (count < 1 || count > 100_000 || seconds < 60 || seconds > 86_400) {
                throw new NumberFormatException("out of range");
            }
            return Optional.of(new DeepfakeRateSettings(count, Duration.ofSeconds(seconds)));
        } catch (NumberFormatException e) {
            LOG.warnf("Deepfake Guard deepfake-rate alert of realm %s is off: %s must be 1–100000 and %s 60–86400",
                    realm, THRESHOLD, WINDOW_SECONDS);
            return Optional.empty();
        }
    }
}
