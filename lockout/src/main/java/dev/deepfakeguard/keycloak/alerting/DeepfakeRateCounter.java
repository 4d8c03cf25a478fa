package dev.deepfakeguard.keycloak.alerting;

import java.util.Optional;
import java.util.function.BiConsumer;

import org.jboss.logging.Logger;

import dev.deepfakeguard.keycloak.events.lockout.NewTransaction;
import dev.deepfakeguard.keycloak.events.lockout.store.LockoutStore;
import dev.deepfakeguard.keycloak.events.lockout.store.RateWindowEntity;

/**
 * Counts suspected deepfakes per realm for the whole cluster, in fixed windows kept in the database (one row per
 * realm, {@code DFG_ALERT_RATE}), and says once per window when the count goes over the threshold. A window starts
 * with the first suspected deepfake after the previous one ended. Every count takes the realm's row lock in a
 * transaction of its own, so two nodes never both see the count go over, and a two-node cluster does not halve the
 * rate an admin set (a count per node in memory would).
 */
final class DeepfakeRateCounter {

    private static final Logger LOG = Logger.getLogger(DeepfakeRateCounter.class);
    private static final int CREATE_TRIES = 3;

    /** The count went over the threshold in the window that started at {@code windowStart} (epoch millis). */
    record Burst(long count, long windowStart) {
    }

    private final NewTransaction transactions;

    DeepfakeRateCounter(NewTransaction transactions) {
        this.transactions = transactions;
    }

    /**
     * Counts one suspected deepfake of the realm. When it is the one that goes over the threshold, {@code onBurst}
     * runs in the same transaction (to queue the alert there: counted and queued commit together).
     */
    Optional<Burst> observe(String realmId, long nowMillis, DeepfakeRateSettings settings,
                            BiConsumer<LockoutStore, Burst> onBurst) {
        return observe(realmId, nowMillis, settings, 1, onBurst);
    }

    /** Counts {@code denials} suspected deepfakes at once (one, plus any this node could not count before). */
    Optional<Burst> observe(String realmId, long nowMillis, DeepfakeRateSettings settings, long denials,
                            BiConsumer<LockoutStore, Burst> onBurst) {
        for (int attempt = 1; attempt <= CREATE_TRIES; attempt++) {
            Burst[] burst = new Burst[1];
            boolean[] counted = new boolean[1];
            transactions.run(store -> {
                Optional<RateWindowEntity> row = store.lockRateWindow(realmId);
                if (row.isEmpty()) {
                    return;
                }
                counted[0] = true;
                burst[0] = count(row.get(), nowMillis, settings, denials).orElse(null);
                if (burst[0] != null) {
                    onBurst.accept(store, burst[0]);
                }
            });
            if (counted[0]) {
                return Optional.ofNullable(burst[0]);
            }
            try {
                transactions.run(store -> store.createRateWindow(realmId));
            } catch (RuntimeException e) {
                LOG.debugf("Rate window of realm %s was created concurrently (%s); reading it again", realmId,
                        e.getClass().getSimpleName());
            }
        }
        throw new IllegalStateException("rate window of realm " + realmId + " could neither be read nor created");
    }

    /** More denials in the locked row: a new window after the old one ended, else more in it. */
    static Optional<Burst> count(RateWindowEntity window, long nowMillis, DeepfakeRateSettings settings,
                                 long denials) {
        long before = window.getEvents();
        if (before == 0 || nowMillis - window.getWindowStart() >= settings.window().toMillis()) {
            window.setWindowStart(nowMillis);
            before = 0;
        }
        window.setEvents(before + denials);
        // Counted under the row lock: exactly one count of a window takes it over the threshold.
        return before <= settings.threshold() && window.getEvents() > settings.threshold()
                ? Optional.of(new Burst(window.getEvents(), window.getWindowStart()))
                : Optional.empty();
    }
}
