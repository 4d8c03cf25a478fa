package dev.deepfakeguard.keycloak.audit.verify;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.deepfakeguard.keycloak.audit.chain.AuditSigningKey;
import dev.deepfakeguard.keycloak.audit.chain.ChainHead;
import dev.deepfakeguard.keycloak.audit.chain.ExportWriter;
import dev.deepfakeguard.keycloak.audit.chain.LinkedRecord;
import dev.deepfakeguard.keycloak.audit.chain.Linker;
import dev.deepfakeguard.keycloak.audit.format.CanonicalJson;
import dev.deepfakeguard.keycloak.audit.format.Checkpoint;
import dev.deepfakeguard.keycloak.audit.format.Digests;
import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.audit.format.ManifestKey;
import dev.deepfakeguard.keycloak.audit.format.RecordHash;

/** Builds exports the way the server does, for the verifier's tamper tests. */
final class ExportFixture {

    static final String NODE = "node-a";
    static final String REALM_ID = "r-demo";
    static final long T0 = 1_700_000_000_000L;

    final AuditSigningKey key = AuditSigningKey.generateEd25519();
    private final List<ManifestKey> manifest = new ArrayList<>(List.of(ManifestKey.of(key.publicKey(), T0, NODE)));
    private final StringWriter text = new StringWriter();
    private final ExportWriter writer = new ExportWriter(text);
    /** Format 1, as exports were written before records carried their realm. */
    private final boolean formatOne;
    private Linker linker;
    private ChainHead formatOneHead;
    private long coveredSoFar;

    ExportFixture() {
        this(false);
    }

    private ExportFixture(boolean formatOne) {
        this.formatOne = formatOne;
        try {
            if (formatOne) {
                Map<String, Object> header = new TreeMap<>(Map.of("kind", "header", "format", ExportFormat.FORMAT_1,
                        "realm", "demo", "from", T0, "to", T0 + 60_000, "exportedAt", T0 + 60_000,
                        "heartbeatMillis", 60_000L));
                text.write(CanonicalJson.write(header) + "\n");
            } else {
                writer.header("demo", REALM_ID, T0, T0 + 60_000, T0 + 60_000, 60_000);
            }
            writer.manifest(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An export as format 1 wrote it: records without realm, hashed by their content alone. */
    static ExportFixture formatOne() {
        return new ExportFixture(true);
    }

    private ChainHead head() {
        return formatOne ? formatOneHead : linker.head();
    }

    private LinkedRecord link(Map<String, Object> body, String realm) {
        if (!formatOne) {
            return linker.link(body, realm);
        }
        Map<String, Object> record = new TreeMap<>(body);
        long seq = formatOneHead.seq() + 1;
        record.put("v", 1L);
        record.put("node", formatOneHead.node());
        record.put("epoch", formatOneHead.epoch());
        record.put("seq", seq);
        record.put("prevHash", formatOneHead.hash());
        String json = CanonicalJson.write(record);
        String hash = Digests.sha256Hex(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        LinkedRecord linked = new LinkedRecord(seq, formatOneHead.hash(), hash, json);
        formatOneHead = new ChainHead(formatOneHead.node(), formatOneHead.epoch(), seq, hash);
        return linked;
    }

    /** Starts an epoch with its epoch_start record, linked to the previous epoch of the fixture, if any. */
    ExportFixture epoch(String epoch) {
        return epoch(epoch, true);
    }

    /** @param witnessed whether the node checked the hand-over against its own witness, not the database alone */
    ExportFixture epoch(String epoch, boolean witnessed) {
        ChainHead previous = linker == null && formatOneHead == null ? null : head();
        linker = new Linker(ChainHead.empty(NODE, epoch));
        formatOneHead = ChainHead.empty(NODE, epoch);
        coveredSoFar = 0;
        Map<String, Object> body = new TreeMap<>();
        body.put("type", ExportFormat.TYPE_EPOCH_START);
        body.put("time", T0);
        body.put("keyId", key.keyId());
        if (previous != null) {
            body.put("previous", Map.of("epoch", previous.epoch(), "seq", previous.seq(), "hash", previous.hash()));
            if (!formatOne) {
                body.put("previousFrom", witnessed ? "witness" : "database");
            }
        }
        write(link(body, null), null);
        return this;
    }

    /** Starts the first epoch of another node (its own chain; the previous node's chain simply ends here). */
    ExportFixture node(String node, String epoch) {
        linker = new Linker(ChainHead.empty(node, epoch));
        coveredSoFar = 0;
        Map<String, Object> body = new TreeMap<>();
        body.put("type", ExportFormat.TYPE_EPOCH_START);
        body.put("time", T0);
        body.put("keyId", key.keyId());
        write(link(body, null), null);
        return this;
    }

    /** Starts an epoch of this node whose start lies before the exported range: linked, not written. */
    ExportFixture unexportedEpoch(String epoch) {
        linker = new Linker(ChainHead.empty(NODE, epoch));
        coveredSoFar = 0;
        link(Map.of("type", ExportFormat.TYPE_EPOCH_START, "time", T0, "keyId", key.keyId()), null);
        return this;
    }

    /** Where the current chain stands now, e.g. a node about to depart. */
    ChainHead currentHead() {
        return head();
    }

    /** A live node's hand-over record closing a retired node's epoch at {@code retired}. */
    ExportFixture handOver(ChainHead retired, long adopted) {
        Map<String, Object> body = new TreeMap<>();
        body.put("type", ExportFormat.TYPE_NODE_HANDOVER);
        body.put("time", T0 + 30_000);
        body.put("retired", Map.of("node", retired.node(), "epoch", retired.epoch(), "seq", retired.seq(),
                "hash", retired.hash(), "keyId", key.keyId()));
        body.put("retiredAt", T0 + 29_000);
        body.put("adopted", adopted);
        write(link(body, null), null);
        return this;
    }

    /** Adds {@code count} login records, each with a personal part. */
    ExportFixture logins(int count) {
        for (int i = 0; i < count; i++) {
            Map<String, Object> personal = new TreeMap<>();
            personal.put("salt", "salt-" + i);
            personal.put("userName", "alice");
            personal.put("ipAddress", "127.0.0.1");
            Map<String, Object> body = new TreeMap<>();
            body.put("type", ExportFormat.TYPE_USER_EVENT);
            body.put("time", T0 + i);
            body.put("event", Map.of("type", "LOGIN", "realm", "demo"));
            body.put("dfg", Map.of("decision", "allow", "livenessScore", 9600L, "syntheticScore", 150L));
            body.put("personalDigest", Digests.canonicalHash(personal));
            write(link(body, REALM_ID), CanonicalJson.write(personal));
        }
        return this;
    }

    /** Adds one record of the exported realm with the given body and personal part (null = none). */
    ExportFixture record(Map<String, Object> body, Map<String, Object> personal) {
        return record(body, personal, REALM_ID);
    }

    /** Adds one record of {@code realm} (null = of no realm). */
    ExportFixture record(Map<String, Object> body, Map<String, Object> personal, String realm) {
        Map<String, Object> linked = new TreeMap<>(body);
        if (personal != null) {
            linked.put("personalDigest", Digests.canonicalHash(personal));
        }
        write(link(linked, realm), personal == null ? null : CanonicalJson.write(personal));
        return this;
    }

    /** Adds one record of another realm as the exporter shows it: elided to position, hashes and realm tag. */
    ExportFixture elided(String realm) {
        Map<String, Object> body = new TreeMap<>();
        body.put("type", ExportFormat.TYPE_USER_EVENT);
        body.put("time", T0);
        body.put("event", Map.of("type", "LOGIN"));
        LinkedRecord record = linker.link(body, realm);
        try {
            writer.elided(NODE, linker.head().epoch(), record.seq(), record.prevHash(), record.hash(),
                    Digests.sha256Hex(record.json().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    RecordHash.realmTagHex(realm));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The signed checkpoint of the current head, as an anchor line (what an export writes before a segment). */
    ExportFixture anchorOfHead() {
        ChainHead head = head();
        Checkpoint checkpoint = new Checkpoint(head.node(), head.epoch(), head.seq(), head.hash(), 0, T0 + 58_000,
                key.keyId(), key.algorithm(), formatOne ? 1 : RecordHash.VERSION_REALM_BOUND);
        try {
            writer.anchor(checkpoint, key.sign(checkpoint));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Links {@code count} logins that are not written: records of the chain outside the exported range. */
    ExportFixture unexported(int count) {
        for (int i = 0; i < count; i++) {
            link(Map.of("type", ExportFormat.TYPE_USER_EVENT, "time", T0 + i), REALM_ID);
        }
        coveredSoFar = head().seq();
        return this;
    }

    /** A record of this realm captured but not chained yet, as the export shows it. */
    ExportFixture pending() {
        try {
            writer.pending(CanonicalJson.write(Map.of("type", ExportFormat.TYPE_USER_EVENT, "time", T0)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    ExportFixture checkpoint() {
        return checkpoint(key);
    }

    ExportFixture checkpoint(AuditSigningKey signer) {
        ChainHead head = head();
        Checkpoint checkpoint = new Checkpoint(head.node(), head.epoch(), head.seq(), head.hash(),
                head.seq() - coveredSoFar, T0 + 59_000, signer.keyId(), signer.algorithm(),
                formatOne ? 1 : RecordHash.VERSION_REALM_BOUND);
        coveredSoFar = head.seq();
        try {
            writer.checkpoint(checkpoint, signer.sign(checkpoint));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    List<String> lines() {
        try {
            writer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(Arrays.asList(text.toString().split("\n")));
    }

    private void write(LinkedRecord record, String personal) {
        try {
            writer.record(record.json(), record.hash(), personal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
