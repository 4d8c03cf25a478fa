package dev.deepfakeguard.keycloak.alerting;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.events.lockout.KeycloakTransactions;
import dev.deepfakeguard.keycloak.events.lockout.LockoutConfig;
import dev.deepfakeguard.keycloak.events.lockout.RealmLockoutConfig;
import dev.deepfakeguard.keycloak.events.lockout.alert.AlertChannel;

/**
 * The real-time alert on a burst of suspected deepfakes: when a realm's {@code deepfake_suspected} denials go over
 * its threshold within its window, the lockout listener's signed webhook gets one alert for that window (through
 * the same outbox, so an unreachable receiver only delays it). Counted for the whole cluster in the database
 * ({@link DeepfakeRateCounter}), so the threshold means the same whatever the number of nodes. Nothing here can
 * refuse a sign-in: a failure to count or to queue the alert is logged; the count costs one short transaction.
 */
public final class DeepfakeRateAlert {

    public static final String TYPE = "deepfake-guard.deepfake-rate";
    private static final Logger LOG = Logger.getLogger(DeepfakeRateAlert.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    public DeepfakeRateAlert(Clock clock) {
        this.clock = clock;
    }

    /** The body the webhook receives; times are epoch seconds. */
    record RateAlert(String type, String realm, long count, int threshold, long windowSeconds, long windowStart,
                     long observedAt) {
    }

    public void observe(KeycloakSession session, RealmModel realm, Event event) {
        if (!EventErrors.DEEPFAKE_SUSPECTED.equals(event.getError())) {
            return;
        }
        Optional<DeepfakeRateSettings> settings = DeepfakeRateSettings.of(realm);
        if (settings.isEmpty()) {
            return;
        }
        long now = clock.millis();
        String realmId = realm.getId();
        String realmName = realm.getName();
        LockoutConfig config = RealmLockoutConfig.of(realm);
        DeepfakeRateCounter counter = new DeepfakeRateCounter(
                new KeycloakTransactions(session.getKeycloakSessionFactory()));
        try {
            counter.observe(realmId, now, settings.get(), (store, burst) -> {
                RateAlert alert = new RateAlert(TYPE, realmName, burst.count(), settings.get().threshold(),
                        settings.get().window().toSeconds(), burst.windowStart() / 1000, now / 1000);
                LOG.warnf("Deepfake Guard: more than %d suspected deepfakes in realm %s within %d s (all nodes)",
                        alert.threshold(), realmName, alert.windowSeconds());
                if (config.webhookUrl().isEmpty()) {
                    LOG.warnf("Deepfake Guard deepfake-rate alert of realm %s not sent: no webhook configured",
                            realmName);
                    return;
                }
                // Queued in the counting transaction: the count that went over and its alert commit together.
                store.enqueue(realmId, AlertChannel.WEBHOOK, "", payload(alert), now);
            });
        } catch (RuntimeException e) {
            LOG.errorf("Deepfake Guard deepfake-rate alert of realm %s could not be counted or queued: %s",
                    realmName, e.toString());
        }
    }

    private static String payload(RateAlert alert) {
        try {
            return JSON.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
