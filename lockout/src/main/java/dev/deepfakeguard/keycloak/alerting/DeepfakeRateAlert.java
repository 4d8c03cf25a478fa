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
import org.keycloak.models.utils.KeycloakModelUtils;

import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.events.lockout.KeycloakTransactions;
import dev.deepfakeguard.keycloak.events.lockout.LockoutConfig;
import dev.deepfakeguard.keycloak.events.lockout.RealmLockoutConfig;
import dev.deepfakeguard.keycloak.events.lockout.alert.AlertChannel;

/**
 * The real-time alert on a burst of suspected deepfakes: when a realm's {@code deepfake_suspected} denials go over
 * its threshold within its window, the lockout listener's signed webhook gets one alert for that window (through
 * the same outbox, so an unreachable receiver only delays it). Counted per node. Nothing here can refuse or delay a
 * sign-in: a failure to queue the alert is logged.
 */
public final class DeepfakeRateAlert {

    public static final String TYPE = "deepfake-guard.deepfake-rate";
    private static final Logger LOG = Logger.getLogger(DeepfakeRateAlert.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeepfakeRateCounter counter = new DeepfakeRateCounter();
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
        counter.observe(realm.getId(), now, settings.get()).ifPresent(burst -> {
            RateAlert alert = new RateAlert(TYPE, realm.getName(), burst.count(), settings.get().threshold(),
                    settings.get().window().toSeconds(), burst.windowStart() / 1000, now / 1000);
            LOG.warnf("Deepfake Guard: more than %d suspected deepfakes in realm %s within %d s", alert.threshold(),
                    realm.getName(), alert.windowSeconds());
            enqueue(session, realm, alert, now);
        });
    }

    private static void enqueue(KeycloakSession session, RealmModel realm, RateAlert alert, long now) {
        LockoutConfig config = RealmLockoutConfig.of(realm);
        if (config.webhookUrl().isEmpty()) {
            LOG.warnf("Deepfake Guard deepfake-rate alert of realm %s not sent: no webhook configured",
                    realm.getName());
            return;
        }
        String realmId = realm.getId();
        try {
            String payload = JSON.writeValueAsString(alert);
            // Its own transaction: the alert must not depend on the outcome of the request that saw the event.
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), job ->
                    KeycloakTransactions.store(job).enqueue(realmId, AlertChannel.WEBHOOK, "", payload, now));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            LOG.errorf("Deepfake Guard deepfake-rate alert of realm %s could not be queued: %s", realm.getName(),
                    e.toString());
        }
    }
}
