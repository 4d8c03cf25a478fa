package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.events.lockout.alert.AlertWorker;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * "deepfake-guard-lockout". Enable it per realm (Realm settings → Events → Event listeners); its thresholds are realm
 * attributes edited through the admin endpoint. Owns the alert worker: started in {@link #postInit}, stopped in
 * {@link #close}. Server-wide options ({@code --spi-events-listener--deepfake-guard-lockout--…}) are read once.
 */
public final class LockoutListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "deepfake-guard-lockout";
    static final String POLL_MILLIS = "alertPollMillis";
    static final String ALLOW_LITERAL_SECRETS = "allowLiteralSecrets";
    private static final Logger LOG = Logger.getLogger(LockoutListenerFactory.class);
    private static final long DEFAULT_POLL_MILLIS = 2000;

    private final Clock clock = Clock.systemUTC();
    private Duration pollInterval = Duration.ofMillis(DEFAULT_POLL_MILLIS);
    private boolean allowLiteralSecrets;
    private LockoutRecorder recorder;
    private AlertWorker worker;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new LockoutListener(session, recorder, clock);
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
        recorder = new LockoutRecorder(factory);
        worker = new AlertWorker(factory, clock, pollInterval, allowLiteralSecrets);
        worker.start();
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                KeycloakTransactions.store(removed.getKeycloakSession()).deleteRealm(removed.getRealm().getId());
            }
        });
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
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
