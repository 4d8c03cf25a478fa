package dev.deepfakeguard.keycloak.alerting;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.events.lockout.KeyStripes;
import dev.deepfakeguard.keycloak.events.lockout.KeycloakTransactions;
import dev.deepfakeguard.keycloak.events.lockout.LockoutConfig;
import dev.deepfakeguard.keycloak.events.lockout.RealmLockoutConfig;
import dev.deepfakeguard.keycloak.events.lockout.alert.AlertChannel;
import dev.deepfakeguard.keycloak.events.lockout.store.LockoutStore;

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
    private static final String RATE_KEY = "deepfake-rate|";

    private final Clock clock;
    /** A count still waiting after a second is left to the realm's next count on this node. */
    private static final Duration WAIT = Duration.ofSeconds(1);
    private final KeyStripes stripes = new KeyStripes(256);
    /** Denials of each realm this node could not count yet (busy or database fault); the next count adds them. */
    private final Map<String, AtomicLong> uncountedByRealm = new ConcurrentHashMap<>();

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
        AtomicLong uncounted = uncountedByRealm.computeIfAbsent(realmId, id -> new AtomicLong());
        try {
            // One count per realm and node at a time, waiting before a connection is taken (see KeyStripes).
            stripes.run(List.of(RATE_KEY + realmId), WAIT, () -> {
                long denials = 1 + uncounted.getAndSet(0);
                try {
                    return counter.observe(realmId, now, settings.get(), denials,
                            (store, burst) -> queue(store, burst, realm, config, settings.get(), now));
                } catch (RuntimeException e) {
                    uncounted.addAndGet(denials);
                    throw e;
                }
            });
        } catch (KeyStripes.Busy e) {
            // The next count of this realm on this node adds it: a campaign must not hide in its own queue.
            uncounted.incrementAndGet();
            LOG.debugf("Deepfake Guard deepfake-rate count of realm %s waits for the next one (%s)", realmName,
                    e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf("Deepfake Guard deepfake-rate alert of realm %s could not be counted or queued, the next "
                    + "count adds it: %s", realmName, e.toString());
        }
    }

    /** Queued in the counting transaction: the count that went over and its alert commit together. */
    private static void queue(LockoutStore store, DeepfakeRateCounter.Burst burst, RealmModel realm,
                              LockoutConfig config, DeepfakeRateSettings settings, long now) {
        RateAlert alert = new RateAlert(TYPE, realm.getName(), burst.count(), settings.threshold(),
                settings.window().toSeconds(), burst.windowStart() / 1000, now / 1000);
        LOG.warnf("Deepfake Guard: more than %d suspected deepfakes in realm %s within %d s (all nodes)",
                alert.threshold(), realm.getName(), alert.windowSeconds());
        if (config.webhookUrl().isEmpty()) {
            LOG.warnf("Deepfake Guard deepfake-rate alert of realm %s not sent: no webhook configured",
                    realm.getName());
            return;
        }
        store.enqueue(realm.getId(), AlertChannel.WEBHOOK, "", payload(alert), now);
    }

    private static String payload(RateAlert alert) {
        try {
            return JSON.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
