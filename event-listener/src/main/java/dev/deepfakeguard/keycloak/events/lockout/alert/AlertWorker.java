package dev.deepfakeguard.keycloak.events.lockout.alert;

import dev.deepfakeguard.keycloak.events.lockout.KeycloakTransactions;
import dev.deepfakeguard.keycloak.events.lockout.LockoutConfig;
import dev.deepfakeguard.keycloak.events.lockout.RealmLockoutConfig;
import dev.deepfakeguard.keycloak.events.lockout.store.LockoutStore;
import dev.deepfakeguard.keycloak.events.lockout.store.OutboxEntity;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.vault.VaultStringSecret;

import java.io.IOException;
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

    public static final String DELIVERY_HEADER = "X-Deepfake-Guard-Delivery";
    private static final Logger LOG = Logger.getLogger(AlertWorker.class);
    private static final MediaType JSON = MediaType.get("application/json");
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
    private long lastPurge;

    public AlertWorker(KeycloakSessionFactory factory, Clock clock, Duration pollInterval) {
        this.factory = factory;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "deepfake-guard-lockout-alerts");
            thread.setDaemon(true);
            return thread;
        });
        // A receiver that hangs costs this thread at most the call timeout; no login ever waits for it.
        this.http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofSeconds(15)).followRedirects(false).followSslRedirects(false)
                .retryOnConnectionFailure(false).build();
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::tick, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            for (Delivery delivery : claim()) {
                Optional<String> error = deliver(delivery);
                record(delivery, error);
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
            return Optional.of(new Delivery(entry.getId(), entry.getChannel(), entry.getPayload(), null, null));
        }
        LockoutConfig config = RealmLockoutConfig.of(realm);
        if (config.webhookUrl().isEmpty()) {
            return Optional.of(new Delivery(entry.getId(), entry.getChannel(), entry.getPayload(), null, null));
        }
        session.getContext().setRealm(realm);
        try (VaultStringSecret secret = session.vault().getStringSecret(config.webhookSecret())) {
            byte[] key = secret.get().map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
            return Optional.of(new Delivery(entry.getId(), entry.getChannel(), entry.getPayload(),
                    config.webhookUrl().get(), key));
        }
    }

    private Optional<String> deliver(Delivery delivery) {
        if (AlertChannel.EMAIL.equals(delivery.channel())) {
            return sendEmail(delivery);
        }
        if (delivery.url() == null) {
            return Optional.of("no webhook configured");
        }
        if (delivery.secret() == null) {
            return Optional.of("webhook secret not found in the vault");
        }
        long timestamp = clock.instant().getEpochSecond();
        Request request = new Request.Builder().url(delivery.url().toString())
                .header(WebhookSignature.HEADER, WebhookSignature.header(delivery.secret(), timestamp,
                        delivery.payload()))
                .header(DELIVERY_HEADER, delivery.id())
                .post(RequestBody.create(delivery.payload(), JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            return response.isSuccessful() ? Optional.empty() : Optional.of("HTTP " + response.code());
        } catch (IOException e) {
            return Optional.of(e.getClass().getSimpleName());
        }
    }

    /** E-mail needs Keycloak's sender, hence a session; it is still this background thread that waits for SMTP. */
    private Optional<String> sendEmail(Delivery delivery) {
        List<String> error = new ArrayList<>();
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            OutboxEntity entry = KeycloakTransactions.store(session).outboxEntry(delivery.id()).orElse(null);
            RealmModel realm = entry == null ? null : session.realms().getRealm(entry.getRealmId());
            UserModel user = realm == null ? null : session.users().getUserById(realm, entry.getTarget());
            if (user == null || user.getEmail() == null) {
                error.add("recipient gone");
                return;
            }
            session.getContext().setRealm(realm);
            LockAlert alert = LockAlert.fromJson(delivery.payload());
            try {
                session.getProvider(EmailSenderProvider.class).send(realm.getSmtpConfig(), user,
                        AlertEmail.subject(alert), AlertEmail.text(alert), AlertEmail.html(alert));
            } catch (EmailException e) {
                error.add("SMTP: " + e.getMessage());
            }
        });
        return error.stream().findFirst();
    }

    private void record(Delivery delivery, Optional<String> error) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            LockoutStore store = KeycloakTransactions.store(session);
            store.outboxEntry(delivery.id()).ifPresent(entry -> {
                entry.setAttempts(entry.getAttempts() + 1);
                if (error.isEmpty()) {
                    entry.setState(OutboxEntity.DELIVERED);
                    entry.setLastError(null);
                    return;
                }
                entry.setLastError(error.get().length() > 255 ? error.get().substring(0, 255) : error.get());
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
