package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.alerting.DeepfakeRateAlert;
import dev.deepfakeguard.keycloak.events.lockout.alert.AlertWorker;
import dev.deepfakeguard.keycloak.metrics.lockout.LockoutGauges;
import dev.deepfakeguard.keycloak.provider.AfterMigration;
import io.micrometer.core.instrument.Metrics;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * "deepfake-guard-lockout". Enable it per realm (Realm settings → Events → Event listeners); its thresholds are realm
 * attributes edited through the admin endpoint. Owns the alert worker and the worker that counts failures the
 * request threads could not (with their queue): created in {@link #postInit}, started once Keycloak has migrated
 * the database, stopped in {@link #close}. Server-wide
 * options ({@code --spi-events-listener--deepfake-guard-lockout--…}) are read once.
 */
public final class LockoutListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "deepfake-guard-lockout";
    static final String POLL_MILLIS = "alertPollMillis";
    static final String ALLOW_LITERAL_SECRETS = "allowLiteralSecrets";
    private static final Logger LOG = Logger.getLogger(LockoutListenerFactory.class);
    private static final long DEFAULT_POLL_MILLIS = 2000;
    /**
     * Counting on the request thread: four attempts, waits from 50 ms doubling (±50 %), no new attempt after two
     * seconds. A row-lock wait or a busy pool clears in that time; a longer outage goes to the background worker.
     */
    private static final Backoff REQUEST_BACKOFF = new Backoff(4, Duration.ofMillis(50), Duration.ofMillis(400),
            Duration.ofSeconds(2));
    /** A failure per entry; 10,000 pending failures mean an outage long enough for the log to be the record. */
    private static final int PENDING_CAPACITY = 10_000;
    private static final Duration PENDING_INTERVAL = Duration.ofMillis(500);

    private final Clock clock = Clock.systemUTC();
    private final DeepfakeRateAlert rateAlert = new DeepfakeRateAlert(clock);
    private final PendingFailures pending = new PendingFailures(PENDING_CAPACITY);
    private Duration pollInterval = Duration.ofMillis(DEFAULT_POLL_MILLIS);
    private boolean allowLiteralSecrets;
    private LockoutRecorder recorder;
    private FailureIntake intake;
    private AlertWorker worker;
    private PendingFailureWorker pendingWorker;
    private LockoutGauges gauges;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new LockoutListener(session, recorder, intake, clock, rateAlert);
    }

    /** Failures this node could not count yet; the lockout lookup refuses their users meanwhile. */
    PendingFailures pendingFailures() {
        return pending;
    }

    @Override
    public void init(Config.Scope config) {
        long millis = config.getLong(POLL_MILLIS, DEFAULT_POLL_MILLIS);
        if (millis < 100 || millis > 600_000) {
            LOG.warnf("%s=%d is outside 100–600000; using %d", POLL_MILLIS, millis, DEFAULT_POLL_MILLIS);
            millis = DEFAULT_POLL_MILLIS;
        }
        pollInterval = Duration.ofMillis(millis);
        allowLiteralSecrets = config.getBoolean(ALLOW_LITERAL_SECRETS, false);
        if (allowLiteralSecrets) {
            LOG.warnf("Deepfake Guard lockout: %s is on: literal webhook secrets are accepted and readable by every "
                    + "admin with view-realm. For development only; use ${vault.…} references in production.",
                    ALLOW_LITERAL_SECRETS);
        }
    }

    /** The server's development switch: literal webhook secrets accepted (off by default). */
    public boolean allowLiteralSecrets() {
        return allowLiteralSecrets;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        recorder = new LockoutRecorder(factory, clock);
        intake = new FailureIntake(recorder, pending, REQUEST_BACKOFF, System::nanoTime,
                duration -> Thread.sleep(duration.toMillis()),
                () -> ThreadLocalRandom.current().nextDouble());
        pendingWorker = new PendingFailureWorker(pending, recorder.patient(), (failure, locks) -> reportLate(factory, failure,
                locks), PENDING_INTERVAL, System::nanoTime);
        worker = new AlertWorker(factory, clock, pollInterval, allowLiteralSecrets);
        gauges = new LockoutGauges(factory, clock, Metrics.globalRegistry);
        // They read the lockout tables, which a fresh database has only after the migration.
        AfterMigration.run(factory, () -> {
            pendingWorker.start();
            worker.start();
            gauges.start();
        });
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                KeycloakTransactions.store(removed.getKeycloakSession()).deleteRealm(removed.getRealm().getId());
            }
        });
    }

    /** The lock events of a failure counted late, and the event that says it was late. */
    private void reportLate(KeycloakSessionFactory factory, LockoutFailure failure, List<LockDecision> locks) {
        long delay = clock.millis() - failure.occurredAt();
        LOG.infof("Deepfake Guard lockout counted %s %d ms late", failure.describe(), delay);
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            RealmModel realm = session.realms().getRealm(failure.realmId());
            if (realm == null) {
                return;
            }
            session.getContext().setRealm(realm);
            locks.forEach(lock -> LockEvents.locked(session, realm, failure.cause(), lock));
            LockEvents.countedLate(session, realm, failure.cause(), delay);
        });
    }

    @Override
    public void close() {
        if (pendingWorker != null) {
            pendingWorker.close();
        }
        if (worker != null) {
            worker.close();
        }
        if (gauges != null) {
            gauges.close();
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(POLL_MILLIS).type("int").defaultValue(DEFAULT_POLL_MILLIS)
                .helpText("How often each node looks for alerts to deliver (milliseconds, 100–600000).").add()
                .property().name(ALLOW_LITERAL_SECRETS).type("boolean").defaultValue(false)
                .helpText("Development only: accept a literal webhook secret instead of a ${vault.…} reference. "
                        + "Literal secrets are stored in realm attributes, readable with view-realm.").add()
                .build();
    }
}
