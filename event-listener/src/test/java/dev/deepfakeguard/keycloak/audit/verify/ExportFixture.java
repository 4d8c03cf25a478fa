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

/** Builds exports the way the server does, for the verifier's tamper tests. */
final class ExportFixture {

    static final String NODE = "node-a";
    static final long T0 = 1_700_000_000_000L;

    final AuditSigningKey key = AuditSigningKey.generateEd25519();
    private final List<ManifestKey> manifest = new ArrayList<>(List.of(ManifestKey.of(key.publicKey(), T0, NODE)));
    private final StringWriter text = new StringWriter();
    private final ExportWriter writer = new ExportWriter(text);
    private Linker linker;
    private long coveredSoFar;

    ExportFixture() {
        try {
            writer.header("demo", T0, T0 + 60_000, T0 + 60_000, 60_000);
            writer.manifest(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts an epoch with its epoch_start record, linked to the previous epoch of the fixture, if any. */
    ExportFixture epoch(String epoch) {
        ChainHead previous = linker == null ? null : linker.head();
        linker = new Linker(ChainHead.empty(NODE, epoch));
        coveredSoFar = 0;
        Map<String, Object> body = new TreeMap<>();
        body.put("type", ExportFormat.TYPE_EPOCH_START);
        body.put("time", T0);
        body.put("keyId", key.keyId());
        if (previous != null) {
            body.put("previous", Map.of("epoch", previous.epoch(), "seq", previous.seq(), "hash", previous.hash()));
        }
        write(linker.link(body), null);
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
            write(linker.link(body), CanonicalJson.write(personal));
        }
        return this;
    }

    /** Adds one record with the given body and personal part (null = none). */
    ExportFixture record(Map<String, Object> body, Map<String, Object> personal) {
        Map<String, Object> linked = new TreeMap<>(body);
        if (personal != null) {
            linked.put("personalDigest", Digests.canonicalHash(personal));
        }
        write(linker.link(linked), personal == null ? null : CanonicalJson.write(personal));
        return this;
    }

    ExportFixture checkpoint() {
        return checkpoint(key);
    }

    ExportFixture checkpoint(AuditSigningKey signer) {
        ChainHead head = linker.head();
        Checkpoint checkpoint = new Checkpoint(head.node(), head.epoch(), head.seq(), head.hash(),
                head.seq() - coveredSoFar, T0 + 59_000, signer.keyId(), signer.algorithm());
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
