package dev.deepfakeguard.keycloak.events.audit;

import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.deepfakeguard.keycloak.audit.chain.AuditSigningKey;
import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditKeyEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditStore;

/**
 * How a node's new epoch begins, in its first chaining round: the key joins the public-key manifest, an
 * {@code epoch_start} record names where the previous epoch ended (the database's newest checkpoint, or the node's
 * witness when the database lost that end), and a {@code key_rotation} record follows when the key changed.
 */
final class EpochStart {

    private static final Logger LOG = Logger.getLogger(EpochStart.class);

    private final String node;
    private final AuditSigningKey key;
    private final Optional<ChainWitness> witness;

    EpochStart(String node, AuditSigningKey key, Optional<ChainWitness> witness) {
        this.node = node;
        this.key = key;
        this.witness = witness;
    }

    /** Adds the manifest entry and hands the opening records' bodies, in chain order, to {@code system}. */
    void open(AuditStore store, long now, Consumer<Map<String, Object>> system) {
        AuditKeyEntity manifestEntry = new AuditKeyEntity();
        manifestEntry.setKeyId(key.keyId());
        manifestEntry.setAlgorithm(key.algorithm());
        manifestEntry.setPublicKey(Base64.getEncoder().encodeToString(key.publicKey().getEncoded()));
        manifestEntry.setFirstUsed(now);
        manifestEntry.setNode(node);
        store.addKeyIfAbsent(manifestEntry);
        Optional<HandOver> previous = handOver(store);
        Map<String, Object> start = new TreeMap<>();
        start.put("type", ExportFormat.TYPE_EPOCH_START);
        start.put("time", now);
        start.put("keyId", key.keyId());
        start.put("alg", key.algorithm());
        previous.ifPresent(p -> {
            start.put("previous", Map.of("epoch", p.epoch(), "seq", p.seq(), "hash", p.hash(), "keyId", p.keyId()));
            start.put("previousFrom", p.witnessed() ? "witness" : "database");
        });
        system.accept(start);
        if (previous.isPresent() && !previous.get().keyId().equals(key.keyId())) {
            Map<String, Object> rotation = new TreeMap<>();
            rotation.put("type", ExportFormat.TYPE_KEY_ROTATION);
            rotation.put("time", now);
            rotation.put("keyId", key.keyId());
            rotation.put("previousKeyId", previous.get().keyId());
            system.accept(rotation);
            LOG.infof("Deepfake Guard audit key rotated on node %s: %s -> %s", node, previous.get().keyId(),
                    key.keyId());
        }
    }

    /** Where the node's previous epoch ended, as the new epoch_start names it. */
    private record HandOver(String epoch, long seq, String hash, String keyId, boolean witnessed) {
    }

    /**
     * The newest checkpoint of this node in the database, unless the node's witness says its chain was signed
     * further than the database still shows: then the witnessed end, so that the loss shows in every export.
     */
    private Optional<HandOver> handOver(AuditStore store) {
        Optional<HandOver> stored = store.newestCheckpoint(node)
                .map(c -> new HandOver(c.getEpoch(), c.getThroughSeq(), c.getHeadHash(), c.getKeyId(),
                        witness.isPresent()));
        Optional<ChainWitness.Head> seen = witness.flatMap(ChainWitness::read).filter(h -> h.node().equals(node));
        if (seen.isEmpty()) {
            return stored.map(h -> new HandOver(h.epoch(), h.seq(), h.hash(), h.keyId(), false));
        }
        ChainWitness.Head end = seen.get();
        if (store.signedThrough(end.node(), end.epoch(), end.seq(), end.hash()) && stored.isPresent()) {
            return stored;
        }
        LOG.errorf("%s the database lacks the end of audit epoch %s on node %s that this node signed and noted in "
                        + "%s (through seq %d): audit records were removed, or the database was restored from an "
                        + "older state. The new epoch names the witnessed end, so every export shows the loss.",
                AuditCapture.ALERT, end.epoch(), end.node(), witness.get().file(), end.seq());
        return Optional.of(new HandOver(end.epoch(), end.seq(), end.hash(), end.keyId(), true));
    }
}
