package dev.deepfakeguard.keycloak.events.audit;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import dev.deepfakeguard.keycloak.audit.chain.AuditSigningKey;
import dev.deepfakeguard.keycloak.metrics.audit.AuditMeters;
import dev.deepfakeguard.keycloak.provider.AfterMigration;
import io.micrometer.core.instrument.Metrics;

/**
 * The node's audit trail: owns the capture counter, the boot epoch, the audit key and the single chainer thread,
 * which starts chaining once Keycloak has migrated the database. Sessions reach it as {@link AuditTrail}.
 */
public final class NodeAuditTrailFactory implements AuditTrailProviderFactory {

    public static final String PROVIDER_ID = AuditListenerFactory.PROVIDER_ID;
    /** Keycloak's name of the event listener SPI: the trail's options are still the listener's. */
    private static final String EVENTS_LISTENER_SPI = "eventsListener";
    private static final Logger LOG = Logger.getLogger(NodeAuditTrailFactory.class);
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

    /**
     * Reads the options under the listener's names ({@code spi-events-listener--deepfake-guard-audit--*}), which
     * they had before the trail became a provider of its own and which the listener still describes.
     */
    @Override
    public void init(Config.Scope ignored) {
        configure(Config.scope(EVENTS_LISTENER_SPI, AuditListenerFactory.PROVIDER_ID));
    }

    void configure(Config.Scope config) {
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
    public AuditTrail create(KeycloakSession session) {
        return new SessionAuditTrail(session, this);
    }

    AuditCapture capture() {
        return capture;
    }

    RecordBodies bodies() {
        return bodies;
    }

    void flush() {
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

    AuditStatus status() {
        return new AuditStatus(settings.nodeId(), chainer.epoch(), chainer.state(), capture.captured(),
                capture.failures(), capture.skipped(), chainer.chained(), chainer.failures(),
                settings.heartbeatMillis());
    }

    NodeRetirement retirement() {
        return new NodeRetirement(settings.nodeId(), NodeLease.leaseMillis(settings.chainIntervalMillis()));
    }

    AuditPosture posture() {
        return new AuditPosture(settings.nodeId(), keyId, settings.keystore().isEmpty(), settings.heartbeatMillis(),
                chainer.unsignedTailMillis(), capture.failures(), chainer.failures());
    }

    long heartbeatMillis() {
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
