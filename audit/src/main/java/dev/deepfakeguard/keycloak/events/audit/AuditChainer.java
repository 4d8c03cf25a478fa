package dev.deepfakeguard.keycloak.events.audit;

import java.io.IOException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import dev.deepfakeguard.keycloak.audit.chain.AuditSigningKey;
import dev.deepfakeguard.keycloak.audit.chain.ChainHead;
import dev.deepfakeguard.keycloak.audit.chain.LinkedRecord;
import dev.deepfakeguard.keycloak.audit.chain.Linker;
import dev.deepfakeguard.keycloak.audit.format.CanonicalJson;
import dev.deepfakeguard.keycloak.audit.format.Checkpoint;
import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.audit.format.Json;
import dev.deepfakeguard.keycloak.audit.format.JsonSyntaxException;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditCheckpointEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditRecordEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditStore;

/**
 * Chains this node's committed records and signs a checkpoint over them, in one transaction, on one background
 * thread. Chaining committed rows (rather than assigning seq at capture) means a rolled-back or killed request never
 * leaves a hole in the chain, and request threads never wait for each other; the price is a window of at most one
 * interval in which a committed record is not yet protected (docs/audit.md). Records a killed process committed
 * but never chained are picked up by the next epoch of the same node.
 */
final class AuditChainer {

    private static final Logger LOG = Logger.getLogger(AuditChainer.class);

    private final AuditSettings settings;
    private final AuditSigningKey key;
    private final KeycloakSessionFactory sessionFactory;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong chained = new AtomicLong();
    private final Optional<ChainWitness> witness;
    private final NodeLease lease;
    private final Adoption adoption;
    private final EpochStart epochStart;
    private ChainHead head;
    private boolean started;
    private long lastCheckpointAt;
    /** Read by the metrics scrape thread. */
    private volatile long lastRoundAt = System.currentTimeMillis();
    private volatile long lagMillis;

    /** @param witness the node's own record of its chain's end, outside the database; empty = none (logged) */
    AuditChainer(AuditSettings settings, AuditSigningKey key, String epoch, KeycloakSessionFactory sessionFactory,
                 Optional<ChainWitness> witness, NodeLease lease) {
        this.settings = settings;
        this.lease = lease;
        this.adoption = new Adoption(settings.nodeId());
        this.epochStart = new EpochStart(settings.nodeId(), key, witness);
        this.key = key;
        this.sessionFactory = sessionFactory;
        this.head = ChainHead.empty(settings.nodeId(), epoch);
        this.witness = witness;
    }

    /** One round; only ever called from the factory's single chainer thread, so no locking is needed here. */
    void run() {
        run(false);
    }

    /**
     * One round. {@code checkpointAlways}: sign a checkpoint even when nothing is new (before an export, so the
     * export ends this node's live chain with a checkpoint of its current head: removing the newest records of a
     * live chain then leaves that checkpoint without its records).
     */
    void run(boolean checkpointAlways) {
        try {
            Round[] done = new Round[1];
            KeycloakModelUtils.runJobInTransaction(sessionFactory, session -> done[0] = chain(store(session),
                    System.currentTimeMillis(), checkpointAlways));
            if (done[0] == null) {
                return; // the node id is not (or no longer) this process's to chain
            }
            // Only a committed round moves the head: after a failed commit the same rows are chained again.
            boolean moved = done[0].head().seq() != head.seq();
            head = done[0].head();
            started = true;
            if (done[0].checkpointed()) {
                lastCheckpointAt = done[0].time();
            }
            chained.addAndGet(done[0].linked());
            lastRoundAt = done[0].time();
            lagMillis = done[0].lagMillis();
            if (moved) {
                witness(head);
            }
        } catch (RuntimeException e) {
            long count = failures.incrementAndGet();
            LOG.errorf("%s chaining audit records failed (%d failures so far), will retry: %s", AuditCapture.ALERT,
                    count, e.toString());
        }
    }

    private record Round(ChainHead head, long linked, boolean checkpointed, long time, long lagMillis) {
    }

    /** After the commit: the node notes, outside the database, how far its chain is now signed. */
    private void witness(ChainHead signed) {
        if (witness.isEmpty()) {
            return;
        }
        try {
            witness.get().write(new ChainWitness.Head(signed.node(), signed.epoch(), signed.seq(), signed.hash(),
                    key.keyId()));
        } catch (IOException | RuntimeException e) {
            LOG.errorf("%s the audit witness %s could not be written (%s); if the database loses the end of this "
                    + "epoch, the next epoch cannot tell", AuditCapture.ALERT, witness.get().file(), e.toString());
        }
    }

    /** @return the round, or null when this process does not hold its node id (yet) */
    private Round chain(AuditStore store, long now, boolean checkpointAlways) {
        if (!lease.hold(store, now)) {
            return null;
        }
        Linker linker = new Linker(head);
        long before = head.seq();
        if (!started) {
            epochStart.open(store, now, body -> systemRecord(store, linker, body, now));
        }
        adoption.run(store, new Adoption.Sink() {
            public void system(Map<String, Object> body) { systemRecord(store, linker, body, now); }
            public void adopt(AuditRecordEntity row) { placeInChain(row, linker.link(body(row), row.getRealmId()), now); }
        }, now);
        List<AuditRecordEntity> pending = store.unchained(settings.nodeId(), settings.batchSize());
        for (AuditRecordEntity row : pending) {
            placeInChain(row, linker.link(body(row), row.getRealmId()), now);
        }
        ChainHead newHead = linker.head();
        long linked = newHead.seq() - before;
        boolean checkpoint = linked > 0 || checkpointAlways || now - lastCheckpointAt >= settings.heartbeatMillis();
        if (checkpoint) {
            checkpoint(store, newHead, linked, now);
        }
        long lag = pending.isEmpty() ? 0 : Math.max(0, now - pending.get(0).getCapturedAt());
        return new Round(newHead, linked, checkpoint, now, lag);
    }

    private Map<String, Object> body(AuditRecordEntity row) {
        try {
            return Json.parseObject(row.getBody());
        } catch (JsonSyntaxException e) {
            // Chain what can be said about it rather than skipping it: a skipped row would never be chained.
            Map<String, Object> body = new TreeMap<>();
            body.put("type", ExportFormat.TYPE_CAPTURE_FAILURE);
            body.put("time", row.getCapturedAt());
            body.put("reason", "stored body unreadable: " + e.getMessage());
            return body;
        }
    }

    private void systemRecord(AuditStore store, Linker linker, Map<String, Object> body, long now) {
        AuditRecordEntity row = new AuditRecordEntity();
        row.setId(UUID.randomUUID().toString());
        row.setNode(settings.nodeId());
        row.setCapturedAt(now);
        row.setCaptureSeq(0);
        row.setBody(CanonicalJson.write(body));
        placeInChain(row, linker.link(body), now);
        store.add(row);
    }

    private void placeInChain(AuditRecordEntity row, LinkedRecord linked, long now) {
        row.setChainEpoch(head.epoch());
        row.setChainSeq(linked.seq());
        row.setPrevHash(linked.prevHash());
        row.setHash(linked.hash());
        row.setRecordJson(linked.json());
        row.setChainedAt(now);
    }

    private void checkpoint(AuditStore store, ChainHead at, long covered, long now) {
        Checkpoint checkpoint = new Checkpoint(at.node(), at.epoch(), at.seq(), at.hash(), covered, now,
                key.keyId(), key.algorithm());
        AuditCheckpointEntity entity = new AuditCheckpointEntity();
        entity.setId(UUID.randomUUID().toString());
        entity.setNode(at.node());
        entity.setEpoch(at.epoch());
        entity.setThroughSeq(at.seq());
        entity.setHeadHash(at.hash());
        entity.setCovered(covered);
        entity.setCreatedAt(now);
        entity.setKeyId(key.keyId());
        entity.setAlgorithm(key.algorithm());
        entity.setSignature(key.sign(checkpoint));
        entity.setFormatVersion(checkpoint.version());
        store.add(entity);
    }

    private static AuditStore store(KeycloakSession session) {
        return new AuditStore(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    /** Gives the node id back (a clean stop), so that a restart chains at once. */
    void release() {
        try {
            KeycloakModelUtils.runJobInTransaction(sessionFactory, session -> lease.release(store(session)));
        } catch (RuntimeException e) {
            LOG.warnf("Deepfake Guard audit node %s could not give its node id back (%s); a restart waits for the "
                    + "lease to run out", settings.nodeId(), e.toString());
        }
    }

    /** chaining, waiting (for a foreign holder of the node id to prove alive or gone) or refused */
    String state() {
        return lease.refused() ? "refused" : lease.waiting() ? "waiting" : "chaining";
    }

    long failures() {
        return failures.get();
    }

    long chained() {
        return chained.get();
    }

    /** How long the oldest record of the last successful round waited to be chained. */
    long lagMillis() {
        return lagMillis;
    }

    /** Since the last successful round: everything captured before it is chained and signed. */
    long unsignedTailMillis() {
        return Math.max(0, System.currentTimeMillis() - lastRoundAt);
    }

    String epoch() {
        return head.epoch();
    }
}
