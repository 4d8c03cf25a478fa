package dev.deepfakeguard.keycloak.events.audit.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.deepfakeguard.keycloak.audit.chain.ExportWriter;
import dev.deepfakeguard.keycloak.audit.format.AuditKeys;
import dev.deepfakeguard.keycloak.audit.format.Digests;
import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.audit.format.Fields;
import dev.deepfakeguard.keycloak.audit.format.Json;
import dev.deepfakeguard.keycloak.audit.format.JsonSyntaxException;
import dev.deepfakeguard.keycloak.audit.format.ManifestKey;
import dev.deepfakeguard.keycloak.audit.format.RecordHash;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditCheckpointEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditRecordEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditStore;

/**
 * Writes the export of one realm: the checkpoints created in the time range, with every record they cover (other
 * realms' records elided to their chain position, hash, content hash and realm tag), the key manifest, and the
 * realm's records still pending. Whole checkpoints only, so each exported chain segment can be verified on its own.
 * A segment that does not start at its chain's first record is preceded by the signed checkpoint it continues (an
 * anchor), and an epoch whose predecessor lies outside the range is followed by that predecessor's last checkpoint:
 * then the verifier can require both, and a missing start or predecessor is a deletion, not a range boundary.
 */
final class AuditExporter {

    private final AuditStore store;

    AuditExporter(AuditStore store) {
        this.store = store;
    }

    void export(String realmId, String realmName, long from, long to, long heartbeatMillis, Writer out)
            throws IOException {
        ExportWriter writer = new ExportWriter(out);
        writer.header(realmName, realmId, from, to, System.currentTimeMillis(), heartbeatMillis);
        writer.manifest(store.keys().stream()
                .map(k -> new ManifestKey(k.getKeyId(), k.getAlgorithm(),
                        AuditKeys.publicKey(k.getAlgorithm(), k.getPublicKey()), k.getFirstUsed(), k.getNode()))
                .toList());
        List<AuditCheckpointEntity> checkpoints = store.checkpointsCreated(from, to);
        Map<String, Long> exportedThrough = new HashMap<>();
        Map<String, Predecessor> predecessors = new LinkedHashMap<>();
        for (AuditCheckpointEntity c : checkpoints) {
            String chain = key(c.getNode(), c.getEpoch());
            Long through = exportedThrough.get(chain);
            long after = through != null ? through : store.throughBefore(c.getNode(), c.getEpoch(),
                    c.getThroughSeq());
            if (through == null && after > 0) {
                // The segment continues a checkpoint before the range: that checkpoint anchors its first record.
                Optional<AuditCheckpointEntity> anchor = store.checkpointThrough(c.getNode(), c.getEpoch(), after);
                if (anchor.isPresent()) {
                    writer.anchor(anchor.get().toCheckpoint(), anchor.get().getSignature());
                }
            }
            if (c.getThroughSeq() > after) {
                records(writer, realmId, c, after, predecessors);
            }
            exportedThrough.put(chain, Math.max(after, c.getThroughSeq()));
            writer.checkpoint(c.toCheckpoint(), c.getSignature());
        }
        for (Predecessor previous : predecessors.values()) {
            if (!exportedThrough.containsKey(key(previous.node(), previous.epoch()))) {
                Optional<AuditCheckpointEntity> anchor = store.checkpointThrough(previous.node(),
                        previous.epoch(), previous.seq());
                if (anchor.isPresent()) {
                    writer.anchor(anchor.get().toCheckpoint(), anchor.get().getSignature());
                }
            }
        }
        for (AuditRecordEntity pending : store.unchained(realmId, from, to)) {
            writer.pending(pending.getBody());
        }
        writer.end();
    }

    /** Where an epoch_start says the previous epoch of its node ended. */
    private record Predecessor(String node, String epoch, long seq) {
    }

    private static String key(String node, String epoch) {
        return node + "\u0000" + epoch;
    }

    private void records(ExportWriter writer, String realmId, AuditCheckpointEntity c, long after,
                         Map<String, Predecessor> predecessors) throws IOException {
        List<AuditRecordEntity> rows = store.chained(c.getNode(), c.getEpoch(), after, c.getThroughSeq());
        Map<String, String> personal = store.personalParts(rows.stream()
                .filter(r -> Objects.equals(r.getRealmId(), realmId)).map(AuditRecordEntity::getId).toList());
        for (AuditRecordEntity r : rows) {
            if (r.getRealmId() == null || r.getRealmId().equals(realmId)) {
                writer.record(r.getRecordJson(), r.getHash(), personal.get(r.getId()));
                if (r.getChainSeq() == 1) {
                    predecessor(r).ifPresent(p -> predecessors.put(key(p.node(), p.epoch()), p));
                } else if (r.getRecordJson().contains(ExportFormat.TYPE_NODE_HANDOVER)) {
                    closed(r).ifPresent(p -> predecessors.put(key(p.node(), p.epoch()), p));
                }
            } else {
                elided(writer, r);
            }
            // Written: let it go, so a window of a million records needs no more memory than one checkpoint's.
            store.detach(r);
        }
    }

    /**
     * An elided line shows what the record's hash was computed over: its content hash and the tag of the realm it
     * names inside (not the REALM_ID column, which is outside the hash), so a record moved between realms shows up.
     */
    private static void elided(ExportWriter writer, AuditRecordEntity r) throws IOException {
        Map<String, Object> record = parse(r.getRecordJson());
        Object version = record.get("v");
        if (!(version instanceof Long v) || v < RecordHash.VERSION_REALM_BOUND) {
            writer.elided(r.getNode(), r.getChainEpoch(), r.getChainSeq(), r.getPrevHash(), r.getHash(), null, null);
            return;
        }
        String content = Digests.sha256Hex(r.getRecordJson().getBytes(StandardCharsets.UTF_8));
        String realm = record.get("realm") instanceof String s ? s : null;
        writer.elided(r.getNode(), r.getChainEpoch(), r.getChainSeq(), r.getPrevHash(), r.getHash(), content,
                RecordHash.realmTagHex(realm));
    }

    private static Optional<Predecessor> predecessor(AuditRecordEntity r) {
        Map<String, Object> record = parse(r.getRecordJson());
        if (!ExportFormat.TYPE_EPOCH_START.equals(record.get("type"))
                || !(record.get("previous") instanceof Map<?, ?> previous)) {
            return Optional.empty();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) previous;
            return Optional.of(new Predecessor(r.getNode(), Fields.string(p, "epoch"), Fields.integer(p, "seq")));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the verifier reports the malformed record itself
        }
    }

    /** Where a node_handover says the retired node's last epoch ended: its anchor goes into the export too. */
    private static Optional<Predecessor> closed(AuditRecordEntity r) {
        Map<String, Object> record = parse(r.getRecordJson());
        if (!ExportFormat.TYPE_NODE_HANDOVER.equals(record.get("type"))
                || !(record.get("retired") instanceof Map<?, ?> retired) || !retired.containsKey("epoch")) {
            return Optional.empty();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) retired;
            return Optional.of(new Predecessor(Fields.string(p, "node"), Fields.string(p, "epoch"),
                    Fields.integer(p, "seq")));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the verifier reports the malformed record itself
        }
    }

    private static Map<String, Object> parse(String recordJson) {
        try {
            return Json.parseObject(recordJson);
        } catch (JsonSyntaxException e) {
            // A stored record that is not JSON is exported as it is; the verifier reports it with its line.
            return Map.of();
        }
    }
}
