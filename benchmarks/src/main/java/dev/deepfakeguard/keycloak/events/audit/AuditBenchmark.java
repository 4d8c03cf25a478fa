package dev.deepfakeguard.keycloak.events.audit;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.deepfakeguard.keycloak.audit.chain.AuditSigningKey;
import dev.deepfakeguard.keycloak.audit.chain.ChainHead;
import dev.deepfakeguard.keycloak.audit.chain.ExportWriter;
import dev.deepfakeguard.keycloak.audit.chain.LinkedRecord;
import dev.deepfakeguard.keycloak.audit.chain.Linker;
import dev.deepfakeguard.keycloak.audit.format.CanonicalJson;
import dev.deepfakeguard.keycloak.audit.format.Checkpoint;
import dev.deepfakeguard.keycloak.audit.format.Json;
import dev.deepfakeguard.keycloak.audit.format.JsonSyntaxException;
import dev.deepfakeguard.keycloak.audit.format.ManifestKey;
import dev.deepfakeguard.keycloak.audit.verify.ExportVerifier;
import dev.deepfakeguard.keycloak.audit.verify.Report;
import dev.deepfakeguard.keycloak.contract.EventDetails;

/**
 * The audit trail's three costs, per record, beside SHA-256's own throughput on the same bytes in the same run:
 * <ul>
 *   <li>{@code capture}: what the request thread does (record body from a Keycloak LOGIN event with every dfg_
 *       detail, personal part with salt and digest, RFC 8785 text) — everything but the JPA persist, which only
 *       queues an INSERT that the request's commit flushes. Target median ≤ 0.3 ms.</li>
 *   <li>{@code chainAndCheckpoint}: the chainer's work for a batch of 1000 stored bodies — parse, link, hash — plus
 *       one Ed25519 checkpoint signature. Target ≥ 10,000 records/s.</li>
 *   <li>{@code verify}: the offline verifier over an export of 10,000 records with a checkpoint every 1000, read as
 *       bytes as the CLI reads its file, on one thread ({@code --threads 1}). Target ≥ 500,000 records/s on one core. {@code verifyLines}: the same
 *       through the {@code BufferedReader} API (lines of Strings, encoded back to UTF-8 for the fast path).</li>
 *   <li>{@code sha256OfOneRecord}: SHA-256 of one chained record's bytes; {@code sha256OfOneExportedRecord}: SHA-256
 *       of a record and, separately, of its personal part — the hashing the verifier cannot avoid per record, its
 *       floor.</li>
 * </ul>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar AuditBenchmark}.
 * <p>
 * Stays in {@code events.audit}: it times the package-private {@code RecordBodies} apart from the JPA persist, which
 * a public entry point would expose only for this benchmark.
 */
@State(Scope.Thread)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class AuditBenchmark {

    static final int BATCH = 1000;
    public static final int EXPORT_RECORDS = 10_000;
    /** A realm id as Keycloak makes them: a UUID, bound into every record's hash. */
    static final String REALM_ID = "6f1c2d9e-3b4a-4c5d-8e9f-0a1b2c3d4e5f";

    private Event event;
    private RecordBodies bodies;
    private List<String> storedBodies;
    private AuditSigningKey key;
    private String export;
    private byte[] exportBytes;
    private byte[] recordBytes;
    private byte[] personalBytes;
    private MessageDigest sha256;

    @Setup
    public void setUp() throws IOException, NoSuchAlgorithmException {
        event = loginEvent();
        bodies = new RecordBodies(new SecureRandom());
        key = AuditSigningKey.generateEd25519();
        storedBodies = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            storedBodies.add(CanonicalJson.write(bodies.of(event, "Mozilla/5.0 (X11; Linux x86_64)").body()));
        }
        export = export();
        exportBytes = export.getBytes(StandardCharsets.UTF_8);
        personalBytes = CanonicalJson.write(bodies.of(event, "Mozilla/5.0 (X11; Linux x86_64)").personal())
                .getBytes(StandardCharsets.UTF_8);
        sha256 = MessageDigest.getInstance("SHA-256");
        Linker linker = new Linker(ChainHead.empty("node-a", "e-bench"));
        recordBytes = linker.link(parse(storedBodies.get(0)), REALM_ID).json().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int capture() {
        CapturedRecord record = bodies.of(event, "Mozilla/5.0 (X11; Linux x86_64)");
        return CanonicalJson.write(record.body()).length() + CanonicalJson.write(record.personal()).length();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public String chainAndCheckpoint() {
        Linker linker = new Linker(ChainHead.empty("node-a", "e-bench"));
        for (String body : storedBodies) {
            linker.link(parse(body), REALM_ID);
        }
        ChainHead head = linker.head();
        return key.sign(new Checkpoint(head.node(), head.epoch(), head.seq(), head.hash(), head.seq(),
                System.currentTimeMillis(), key.keyId(), key.algorithm()));
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(EXPORT_RECORDS)
    public int verify() throws IOException {
        return valid(ExportVerifier.verify(new ByteArrayInputStream(exportBytes), Set.of(), 1));
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(EXPORT_RECORDS)
    public int verifyLines() throws IOException {
        return valid(ExportVerifier.verify(new BufferedReader(new StringReader(export)), Set.of()));
    }

    /** The export {@link #verify} reads (for {@code VerifyCpuTime}); valid after {@link #setUp}. */
    public byte[] exportBytes() {
        return exportBytes.clone();
    }

    /** The chained record {@link #sha256OfOneRecord} hashes. */
    public byte[] recordBytes() {
        return recordBytes.clone();
    }

    /** A personal part like the export's, which {@link #sha256OfOneExportedRecord} hashes too. */
    public byte[] personalBytes() {
        return personalBytes.clone();
    }

    private static int valid(Report report) {
        if (report.exitCode() != 0 || report.validRecords() != EXPORT_RECORDS) {
            throw new IllegalStateException(String.join("\n", report.findings()));
        }
        return (int) report.validRecords();
    }

    /** SHA-256 of a record and of its personal part: what the verifier must hash per exported record. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] sha256OfOneExportedRecord() {
        sha256.update(recordBytes);
        sha256.digest();
        return sha256.digest(personalBytes);
    }

    /** SHA-256 alone over one chained record's bytes: the floor under chaining and verifying. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] sha256OfOneRecord() {
        return sha256.digest(recordBytes);
    }

    private String export() throws IOException {
        StringWriter text = new StringWriter();
        ExportWriter writer = new ExportWriter(text);
        writer.header("bench", REALM_ID, 0, 4_000_000_000_000L, 1, 60_000);
        writer.manifest(List.of(ManifestKey.of(key.publicKey(), 0, "node-a")));
        Linker linker = new Linker(ChainHead.empty("node-a", "e-bench"));
        // A chain starts with its epoch_start, as the chainer writes it; the verifier requires it.
        LinkedRecord start = linker.link(new TreeMap<>(Map.of("type", "epoch_start", "time", 1L,
                "keyId", key.keyId(), "alg", key.algorithm())));
        writer.record(start.json(), start.hash(), null);
        long covered = 0;
        for (int i = 1; i < EXPORT_RECORDS; i++) {
            CapturedRecord record = bodies.of(event, "Mozilla/5.0 (X11; Linux x86_64)");
            LinkedRecord linked = linker.link(record.body(), REALM_ID);
            writer.record(linked.json(), linked.hash(), CanonicalJson.write(record.personal()));
            if ((i + 1) % BATCH == 0) {
                ChainHead head = linker.head();
                Checkpoint checkpoint = new Checkpoint("node-a", "e-bench", head.seq(), head.hash(),
                        head.seq() - covered, 1, key.keyId(), key.algorithm());
                covered = head.seq();
                writer.checkpoint(checkpoint, key.sign(checkpoint));
            }
        }
        writer.end();
        return text.toString();
    }

    private static Map<String, Object> parse(String body) {
        try {
            return Json.parseObject(body);
        } catch (JsonSyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    private static Event loginEvent() {
        Event event = new Event();
        event.setId("8f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b");
        event.setTime(1_763_700_000_000L);
        event.setType(EventType.LOGIN);
        event.setRealmId("4e1f9a2b-3c4d-4e5f-9a8b-7c6d5e4f3a2b");
        event.setClientId("account-console");
        event.setUserId("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
        event.setSessionId("5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a");
        event.setIpAddress("203.0.113.17");
        Map<String, String> details = new HashMap<>();
        details.put("username", "alice");
        details.put("auth_method", "openid-connect");
        details.put(EventDetails.DECISION, "allow");
        details.put(EventDetails.LIVENESS_SCORE, "9600");
        details.put(EventDetails.SYNTHETIC_SCORE, "150");
        details.put(EventDetails.SCORER, "embedded");
        details.put(EventDetails.MODEL_VERSION, "reflection-1");
        details.put(EventDetails.CHALLENGE_ID, "c-3f9a1b2c4d5e6f70");
        details.put(EventDetails.REASONS, "live_reflection");
        details.put(EventDetails.FLOW, "login");
        details.put(EventDetails.THRESHOLDS, "6000/4000/5000");
        details.put(EventDetails.ATTEMPT, "1");
        event.setDetails(details);
        return event;
    }
}
