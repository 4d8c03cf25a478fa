package dev.deepfakeguard.keycloak.metrics.lockout;

import dev.deepfakeguard.keycloak.metrics.GuardMeter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gauges read from the lockout tables: locks in force per realm, and the alert outbox per channel. A background
 * thread refreshes them, so a scrape never waits for the database and a busy database is asked every 15 s at most.
 * Every realm and both channels always have a row, so dashboards and alert rules see zeros rather than gaps.
 */
public final class LockoutGauges implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LockoutGauges.class);
    private static final Duration REFRESH = Duration.ofSeconds(15);
    private static final List<String> SUBJECT_KINDS = List.of("user", "source");
    private static final List<String> CHANNELS = List.of("webhook", "email");

    private final KeycloakSessionFactory factory;
    private final Clock clock;
    private final MultiGauge activeLocks;
    private final MultiGauge backlog;
    private final MultiGauge oldest;
    private final MultiGauge givenUp;
    private final ScheduledExecutorService executor;

    public LockoutGauges(KeycloakSessionFactory factory, Clock clock, MeterRegistry registry) {
        this.factory = factory;
        this.clock = clock;
        this.activeLocks = gauge(GuardMeter.LOCKS_ACTIVE, registry);
        this.backlog = gauge(GuardMeter.OUTBOX_BACKLOG, registry);
        this.oldest = gauge(GuardMeter.OUTBOX_OLDEST, registry);
        this.givenUp = gauge(GuardMeter.OUTBOX_GIVEN_UP, registry);
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "deepfake-guard-lockout-gauges");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::refresh, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    void refresh() {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, this::read);
        } catch (RuntimeException e) {
            // The previous values stay; the next round tries again.
            LOG.warnf("Deepfake Guard lockout gauges not refreshed: %s", e.toString());
        }
    }

    private void read(KeycloakSession session) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        long now = clock.millis();
        Map<String, Long> locks = new HashMap<>();
        for (Object[] row : em.createQuery("select s.realmId, s.kind, count(s) from DfgLockoutSubject s"
                + " where s.lockedUntil > :now group by s.realmId, s.kind", Object[].class)
                .setParameter("now", now).getResultList()) {
            locks.put(row[0] + "|" + row[1], ((Number) row[2]).longValue());
        }
        List<MultiGauge.Row<?>> lockRows = new ArrayList<>();
        session.realms().getRealmsStream().forEach(realm -> SUBJECT_KINDS.forEach(kind -> lockRows.add(
                MultiGauge.Row.of(Tags.of("realm", realm.getName(), "subject", kind),
                        locks.getOrDefault(realm.getId() + "|" + kind, 0L)))));
        activeLocks.register(lockRows, true);

        Map<String, long[]> outbox = new HashMap<>();
        for (Object[] row : em.createQuery("select o.channel, o.state, count(o), min(o.createdAt) from "
                + "DfgLockoutOutbox o where o.state in ('pending', 'failed') group by o.channel, o.state",
                Object[].class).getResultList()) {
            long[] counts = outbox.computeIfAbsent((String) row[0], channel -> new long[3]);
            long count = ((Number) row[2]).longValue();
            if ("pending".equals(row[1])) {
                counts[0] = count;
                counts[1] = Math.max(0, now - ((Number) row[3]).longValue()) / 1000;
            } else {
                counts[2] = count;
            }
        }
        backlog.register(channelRows(outbox, 0), true);
        oldest.register(channelRows(outbox, 1), true);
        givenUp.register(channelRows(outbox, 2), true);
    }

    private static List<MultiGauge.Row<?>> channelRows(Map<String, long[]> outbox, int column) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (String channel : CHANNELS) {
            long[] counts = outbox.get(channel);
            rows.add(MultiGauge.Row.of(Tags.of("channel", channel), counts == null ? 0 : counts[column]));
        }
        return rows;
    }

    private static MultiGauge gauge(GuardMeter meter, MeterRegistry registry) {
        MultiGauge.Builder builder = MultiGauge.builder(meter.meterName()).description(meter.meaning());
        if (meter.baseUnit() != null) {
            builder.baseUnit(meter.baseUnit());
        }
        return builder.register(registry);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
