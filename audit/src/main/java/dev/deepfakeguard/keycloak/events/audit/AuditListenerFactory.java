package dev.deepfakeguard.keycloak.events.audit;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import dev.deepfakeguard.keycloak.audit.chain.AuditSigningKey;
import dev.deepfakeguard.keycloak.metrics.audit.AuditMeters;
import dev.deepfakeguard.keycloak.provider.AfterMigration;
import io.micrometer.core.instrument.Metrics;

/**
 * The {@code deepfake-guard-audit} event listener. Global, so that it records every realm and no realm admin can
 * switch it off from the realm's event settings. Owns the node's capture counter, the boot epoch, the audit key and
 * the single chainer thread, which starts chaining once Keycloak has migrated the database.
 */
public final class AuditListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "deepfake-guard-audit";
    private static final Logger LOG = Logger.getLogger(AuditListenerFactory.class);
    private static final long FLUSH_TIMEOUT_SECONDS = 30;

    private AuditSettings settings;
    private AuditCapture capture;
    private AuditChainer chainer;
    private RecordBodies bodies;
    private ScheduledExecutorService chainerThread;
    private String keyId;
    /** Held here: meters keep only a weak reference to what they read. */
    private AuditMeters.Source meterSource;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public void init(Config.Scope config) {
        settings = AuditSettings.from(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        SecureRandom random = new SecureRandom();
        byte[] epochBytes = new byte[12];
        random.nextBytes(epochBytes);
        String epoch = "e-" + Base64.getUrlEncoder().withoutPadding().encodeToString(epochBytes);
        AuditSigningKey key = AuditKeySource.load(settings);
        keyId = key.keyId();
        bodies = new RecordBodies(random);
        capture = new AuditCapture(settings.nodeId(), settings.required(), factory);
        Optional<ChainWitness> witness = settings.witnessDir().map(dir -> new ChainWitness(dir, settings.nodeId()));
        if (witness.isEmpty()) {
            LOG.warnf("Deepfake Guard audit: no witness directory (option witness-dir, default <data>/"
                    + "deepfake-guard-audit); a database administrator who deletes the end of an epoch while this "
                    + "node is down is not exposed by the next epoch");
        }
        NodeLease lease = new NodeLease(settings.nodeId(), epoch, settings.chainIntervalMillis(), capture::switchOff);
        chainer = new AuditChainer(settings, key, epoch, factory, witness, lease);
        chainerThread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "deepfake-guard-audit-chainer");
            thread.setDaemon(true);
            return thread;
        });
        // The chainer reads the audit tables, which a fresh database has only after the migration.
        AfterMigration.run(factory, () -> chainerThread.scheduleWithFixedDelay(chainer::run,
                settings.chainIntervalMillis(), settings.chainIntervalMillis(), TimeUnit.MILLISECONDS));
        meterSource = new MeterSource(capture, chainer);
        AuditMeters.register(Metrics.globalRegistry, meterSource);
        LOG.infof("Deepfake Guard audit trail on node %s, epoch %s, key %s; %s", settings.nodeId(), epoch,
                key.keyId(), settings);
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new AuditListener(session, capture, bodies);
    }

    /**
     * Chains what is committed now and signs a checkpoint of the head, on the chainer thread, and waits: an export
     * then holds no avoidable pending record and ends this node's live chain with a fresh checkpoint.
     */
    public void flush() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FLUSH_TIMEOUT_SECONDS);
        try {
            chainerThread.submit(() -> chainer.run(true)).get(FLUSH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            // Right after a crash the node waits until its previous epoch's hold on the node id runs out.
            while (chainer.state().equals("waiting") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                chainerThread.submit(() -> chainer.run(true)).get(FLUSH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("audit flush before export did not finish: %s", e.toString());
        }
    }

    /** Counters for monitoring: captured, capture failures, chained, chain failures. */
    public AuditStatus status() {
        return new AuditStatus(settings.nodeId(), chainer.epoch(), chainer.state(), capture.captured(),
                capture.failures(), capture.skipped(), chainer.chained(), chainer.failures(),
                settings.heartbeatMillis());
    }

    /** Retirement of departed node ids, as this node judges whether one is still alive. */
    public NodeRetirement retirement() {
        return new NodeRetirement(settings.nodeId(), NodeLease.leaseMillis(settings.chainIntervalMillis()));
    }

    /** What the compliance report shows of the trail: key, whether it is the development key, how far it is signed. */
    public AuditPosture posture() {
        return new AuditPosture(settings.nodeId(), keyId, settings.keystore().isEmpty(), settings.heartbeatMillis(),
                chainer.unsignedTailMillis(), capture.failures(), chainer.failures());
    }

    public long heartbeatMillis() {
        return settings.heartbeatMillis();
    }

    @Override
    public void close() {
        if (chainerThread != null) {
            chainerThread.shutdown();
            try {
                if (chainerThread.awaitTermination(FLUSH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    chainer.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("nodeId").type("string")
                .helpText("Name of this node's chain, unique among the nodes and stable across restarts. Default: the "
                        + "host name plus an installation id kept in <data>/deepfake-guard-audit/node-id.").add()
                .property().name("keystore").type("string")
                .helpText("Keystore with the audit signing key (Ed25519, RSA or EC). Empty: a development key is "
                        + "generated at every start, with a warning.").add()
                .property().name("keystoreType").type("string").defaultValue("PKCS12")
                .helpText("Type of the keystore.").add()
                .property().name("keystorePassword").type("password").secret(true)
                .helpText("Keystore password; give it through Keycloak's config keystore or an environment "
                        + "variable, never on the command line.").add()
                .property().name("keyAlias").type("string").defaultValue("deepfake-guard-audit")
                .helpText("Alias of the audit key; a new alias or key is a key rotation, recorded in the chain.")
                .add()
                .property().name("keyPassword").type("password").secret(true)
                .helpText("Password of the key entry; default: the keystore password.").add()
                .property().name("required").type("boolean").defaultValue(false)
                .helpText("true: an action whose audit record cannot be written is rolled back (fail closed). "
                        + "false: it proceeds, and the failure is logged as DFG-AUDIT-ALERT, counted and chained.")
                .add()
                .property().name("chainIntervalMillis").type("long").defaultValue(1000L)
                .helpText("How often committed records are chained and a checkpoint signed (100-60000).").add()
                .property().name("heartbeatMillis").type("long").defaultValue(60_000L)
                .helpText("Longest time without a checkpoint when idle, so a cut-off tail shows (up to 3600000)."
                ).add()
                .property().name("batchSize").type("int").defaultValue(5000)
                .helpText("Most records chained per round (1-100000).").add()
                .property().name("witnessDir").type("string")
                .helpText("Directory on the node's own disk where it notes how far its chain is signed, so that "
                        + "the end of an epoch deleted from the database while the node is down is exposed. "
                        + "Default: deepfake-guard-audit in Keycloak's data directory.").add()
                .build();
    }

    private record MeterSource(AuditCapture capture, AuditChainer chainer) implements AuditMeters.Source {
        @Override
        public long captured() {
            return capture.captured();
        }

        @Override
        public long captureFailures() {
            return capture.failures();
        }

        @Override
        public long chained() {
            return chainer.chained();
        }

        @Override
        public long chainFailures() {
            return chainer.failures();
        }

        @Override
        public long chainLagMillis() {
            return chainer.lagMillis();
        }

        @Override
        public long unsignedTailMillis() {
            return chainer.unsignedTailMillis();
        }
    }
}
