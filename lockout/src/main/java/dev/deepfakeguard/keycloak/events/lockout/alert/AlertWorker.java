package dev.deepfakeguard.keycloak.events.lockout.alert;

import dev.deepfakeguard.keycloak.events.lockout.KeycloakTransactions;
import dev.deepfakeguard.keycloak.events.lockout.LockoutConfig;
import dev.deepfakeguard.keycloak.events.lockout.RealmLockoutConfig;
import dev.deepfakeguard.keycloak.events.lockout.store.LockoutStore;
import dev.deepfakeguard.keycloak.events.lockout.store.OutboxEntity;
import dev.deepfakeguard.keycloak.metrics.lockout.LockoutMeters;
import okhttp3.OkHttpClient;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.vault.VaultStringSecret;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Delivers queued alerts from a background thread of each node: claim due entries (a lease, so a crashed node's
 * entries come back), deliver outside any transaction, record the outcome with exponential back-off. Entries are
 * in the database, so a receiver outage or a Keycloak restart only delays them. At-least-once: a receiver may see an
 * alert twice (same {@code X-Deepfake-Guard-Delivery}) if a node dies between sending and recording.
 */
public final class AlertWorker implements AutoCloseable {

    public static final String DELIVERY_HEADER = WebhookSender.DELIVERY_HEADER;
    private static final Logger LOG = Logger.getLogger(AlertWorker.class);
    private static final int BATCH = 20;
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final Duration FAILURE_RETENTION = Duration.ofDays(31);
    private static final Duration OUTBOX_RETENTION = Duration.ofDays(7);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final KeycloakSessionFactory factory;
    private final Clock clock;
    private final Duration pollInterval;
    private final ScheduledExecutorService executor;
    private final OkHttpClient http;
    private final WebhookSender webhook;
    private final boolean allowLiteralSecrets;
    private final LockoutMeters meters = LockoutMeters.global();
    private long lastPurge;

    /** @param allowLiteralSecrets the server's development switch: sign with a literal webhook secret */
    public AlertWorker(KeycloakSessionFactory factory, Clock clock, Duration pollInterval,
                       boolean allowLiteralSecrets) {
        this.factory = factory;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.allowLiteralSecrets = allowLiteralSecrets;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "deepfake-guard-lockout-alerts");
            thread.setDaemon(true);
            return thread;
        });
        // A receiver that hangs costs this thread at most the call timeout; no login ever waits for it.
        this.http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofSeconds(15)).followRedirects(false).followSslRedirects(false)
                .retryOnConnectionFailure(false).build();
        this.webhook = new WebhookSender(http, clock);
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::tick, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            for (Delivery delivery : claim()) {
                Optional<AlertFailure> failure = deliver(delivery);
                failure.ifPresent(f -> meters.deliveryFailed(delivery.channel(), f.code()));
                record(delivery, failure);
            }
            purgeNowAndThen();
        } catch (RuntimeException e) {
            // Never let an exception cancel the schedule; the next tick tries again.
            LOG.warnf("Deepfake Guard alert worker: %s", e.toString());
        }
    }

    private List<Delivery> claim() {
        List<Delivery> claimed = new ArrayList<>();
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            LockoutStore store = KeycloakTransactions.store(session);
            long now = clock.millis();
            for (OutboxEntity entry : store.due(now, BATCH)) {
                if (store.claim(entry, now + LEASE.toMillis())) {
                    resolve(session, entry).ifPresent(claimed::add);
                }
            }
        });
        return claimed;
    }

    /** What the delivery needs, read now: the realm's current webhook and secret, or the recipient. */
    private Optional<Delivery> resolve(KeycloakSession session, OutboxEntity entry) {
        RealmModel realm = session.realms().getRealm(entry.getRealmId());
        if (realm == null) {
            return Optional.empty();
        }
        if (!AlertChannel.WEBHOOK.equals(entry.getChannel())) {
            return Optional.of(new Delivery(entry.getId(), entry.getChannel(), entry.getPayload(), null, null, null));
        }
        LockoutConfig config = RealmLockoutConfig.of(realm);
        if (config.webhookUrl().isEmpty()) {
            return Optional.of(new Delivery(entry.getId(), entry.getChannel(), entry.getPayload(), null, null,
                    new AlertFailure(AlertFailure.NOT_CONFIGURED, "no webhook URL in realm " + realm.getName())));
        }
        if (config.webhookSecretIsRefusedLiteral(allowLiteralSecrets)) {
            // Set through the generic realm attributes, around the lockout endpoint's validation.
            return Optional.of(new Delivery(entry.getId(), entry.getChannel(), entry.getPayload(), null, null,
                    new AlertFailure(AlertFailure.SECRET_LITERAL, "realm " + realm.getName() + " holds a literal "
                            + "webhook secret; put it in the vault")));
        }
        session.getContext().setRealm(realm);
        try (VaultStringSecret secret = session.vault().getStringSecret(config.webhookSecret())) {
            byte[] key = secret.get().map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
            AlertFailure missing = key == null ? new AlertFailure(AlertFailure.SECRET_UNAVAILABLE, "webhook secret "
                    + "of realm " + realm.getName() + " not found in the vault") : null;
            return Optional.of(new Delivery(entry.getId(), entry.getChannel(), entry.getPayload(),
                    config.webhookUrl().get(), key, missing));
        }
    }

    private Optional<AlertFailure> deliver(Delivery delivery) {
        if (delivery.unusable() != null) {
            return Optional.of(delivery.unusable());
        }
        if (AlertChannel.EMAIL.equals(delivery.channel())) {
            return sendEmail(delivery);
        }
        return webhook.send(delivery);
    }

    /** E-mail needs Keycloak's sender, hence a session; it is still this background thread that waits for SMTP. */
    private Optional<AlertFailure> sendEmail(Delivery delivery) {
        List<AlertFailure> error = new ArrayList<>();
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            OutboxEntity entry = KeycloakTransactions.store(session).outboxEntry(delivery.id()).orElse(null);
            RealmModel realm = entry == null ? null : session.realms().getRealm(entry.getRealmId());
            UserModel user = realm == null ? null : session.users().getUserById(realm, entry.getTarget());
            if (user == null || user.getEmail() == null) {
                error.add(new AlertFailure(AlertFailure.RECIPIENT_GONE, "recipient gone"));
                return;
            }
            session.getContext().setRealm(realm);
            LockAlert alert = LockAlert.fromJson(delivery.payload());
            try {
                session.getProvider(EmailSenderProvider.class).send(realm.getSmtpConfig(), user,
                        AlertEmail.subject(alert), AlertEmail.text(alert), AlertEmail.html(alert));
            } catch (EmailException e) {
                error.add(new AlertFailure(AlertFailure.EMAIL_FAILED, "SMTP: " + e.getMessage()));
            }
        });
        return error.stream().findFirst();
    }

    private void record(Delivery delivery, Optional<AlertFailure> error) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            LockoutStore store = KeycloakTransactions.store(session);
            store.outboxEntry(delivery.id()).ifPresent(entry -> {
                entry.setAttempts(entry.getAttempts() + 1);
                if (error.isEmpty()) {
                    entry.setState(OutboxEntity.DELIVERED);
                    entry.setLastError(null);
                    return;
                }
                // Only the coarse code is kept where the admin API reads it; the detail goes to the log.
                entry.setLastError(error.get().code());
                RealmModel realm = session.realms().getRealm(entry.getRealmId());
                LockoutConfig config = realm == null ? LockoutConfig.defaults() : RealmLockoutConfig.of(realm);
                if (entry.getAttempts() >= config.webhookMaxAttempts()) {
                    entry.setState(OutboxEntity.FAILED);
                    LOG.errorf("Deepfake Guard gave up alert %s (%s) after %d attempts: %s", entry.getId(),
                            entry.getChannel(), entry.getAttempts(), error.get());
                } else {
                    entry.setNextAttemptAt(clock.millis() + backoff(config.webhookRetry(), entry.getAttempts())
                            .toMillis());
                    LOG.warnf("Deepfake Guard alert %s (%s) attempt %d failed: %s; retrying", entry.getId(),
                            entry.getChannel(), entry.getAttempts(), error.get());
                }
            });
        });
    }

    static Duration backoff(Duration first, int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 20);
        Duration wait = first.multipliedBy(1L << doublings);
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private void purgeNowAndThen() {
        long now = clock.millis();
        if (now - lastPurge < PURGE_EVERY.toMillis()) {
            return;
        }
        lastPurge = now;
        KeycloakModelUtils.runJobInTransaction(factory, session -> KeycloakTransactions.store(session)
                .purge(now - FAILURE_RETENTION.toMillis(), now - OUTBOX_RETENTION.toMillis()));
    }

    @Override
    public void close() {
        executor.shutdownNow();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
