package dev.deepfakeguard.keycloak.audit.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

import dev.deepfakeguard.keycloak.audit.chain.AuditSigningKey;
import dev.deepfakeguard.keycloak.audit.format.CanonicalJson;
import dev.deepfakeguard.keycloak.audit.format.Checkpoint;
import dev.deepfakeguard.keycloak.audit.format.SignatureVerifier;
import dev.deepfakeguard.keycloak.events.audit.AuditBenchmark;

/**
 * CPU time of the offline verifier over {@link AuditBenchmark}'s 10,000-record export — the fast path as the CLI runs
 * it, and the fully parsing path it falls back to (every line parsed, canonicalised, hashed: the verifier before the
 * fast path) — beside the SHA-256 floor, alternating all of them in every round so that they see the same JIT state
 * and machine load. CPU time ({@link ThreadMXBean}, this thread only) stays meaningful on a busy machine, where JMH's
 * wall-clock figures scatter; the two verifier paths are also timed by the wall clock, for comparison. (In this
 * package to reach the verifier's package-private parsing-only switch.)
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.deepfakeguard.keycloak.audit.verify.VerifyCpuTime}.
 */
public final class VerifyCpuTime {

    private static final int WARM_UP_ROUNDS = 5;
    private static final int ROUNDS = 9;

    private VerifyCpuTime() {
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        AuditBenchmark benchmark = new AuditBenchmark();
        benchmark.setUp();
        byte[] export = benchmark.exportBytes();
        int records = AuditBenchmark.EXPORT_RECORDS;
        byte[] record = benchmark.recordBytes();
        byte[] personal = benchmark.personalBytes();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        AuditSigningKey key = AuditSigningKey.generateEd25519();
        Checkpoint checkpoint = new Checkpoint("node-a", "e-bench", 1000, "0".repeat(64), 1000, 1, key.keyId(),
                key.algorithm());
        byte[] signed = CanonicalJson.bytes(checkpoint.toJson());
        byte[] signature = java.util.Base64.getDecoder().decode(key.sign(checkpoint));
        SignatureVerifier verifier = SignatureVerifier.of(key.publicKey());
        int checkpoints = records / 1000;
        String[] names = {"verify (fast path, bytes)", "verify (parsing path)", "SHA-256 record + personal part",
            "SHA-256 record only", "floor: SHA-256 rec.+pers. + 1 Ed25519 check per 1000"};
        long[][] cpu = new long[names.length][ROUNDS];
        long[][] wall = new long[2][ROUNDS];
        long sink = 0;
        for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
            long[] t = new long[6];
            long w0 = System.nanoTime();
            t[0] = threads.getCurrentThreadCpuTime();
            sink += check(ExportVerifier.verify(new ByteArrayInputStream(export), Set.of()), records);
            t[1] = threads.getCurrentThreadCpuTime();
            long w1 = System.nanoTime();
            sink += check(parsingPath(export), records);
            t[2] = threads.getCurrentThreadCpuTime();
            long w2 = System.nanoTime();
            for (int i = 0; i < records; i++) {
                sha256.update(record);
                sink += sha256.digest()[0];
                sink += sha256.digest(personal)[0];
            }
            t[3] = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < records; i++) {
                sink += sha256.digest(record)[0];
            }
            t[4] = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < checkpoints; i++) {
                verifier.verify(signature, signed);
                sink++;
            }
            t[5] = threads.getCurrentThreadCpuTime();
            int measured = round - WARM_UP_ROUNDS;
            if (measured >= 0) {
                for (int k = 0; k < 4; k++) {
                    cpu[k][measured] = t[k + 1] - t[k];
                }
                cpu[4][measured] = t[3] - t[2] + t[5] - t[4];
                wall[0][measured] = w1 - w0;
                wall[1][measured] = w2 - w1;
            }
        }
        System.out.printf(Locale.ROOT, "%d records of %d + %d bytes (record + personal part); records per CPU-second,"
                + " median of %d rounds (min..max):%n", records, record.length, personal.length, ROUNDS);
        for (int k = 0; k < names.length; k++) {
            long[] sorted = cpu[k].clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "  %-52s %,10.0f  (%,.0f..%,.0f)%n", names[k], rate(records,
                    sorted[ROUNDS / 2]), rate(records, sorted[ROUNDS - 1]), rate(records, sorted[0]));
        }
        System.out.println("records per wall-clock second (shared machine: load decides these), median (min..max):");
        for (int k = 0; k < wall.length; k++) {
            long[] sorted = wall[k].clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "  %-52s %,10.0f  (%,.0f..%,.0f)%n", names[k], rate(records,
                    sorted[ROUNDS / 2]), rate(records, sorted[ROUNDS - 1]), rate(records, sorted[0]));
        }
        System.out.println("(sink " + sink + ")");
    }

    private static Report parsingPath(byte[] export) {
        ExportVerifier verifier = new ExportVerifier(Set.of(), false);
        for (String line : new String(export, StandardCharsets.UTF_8).split("\n")) {
            verifier.line(line);
        }
        return verifier.finish();
    }

    private static long check(Report report, int records) {
        if (report.exitCode() != 0 || report.validRecords() != records) {
            throw new IllegalStateException(String.join("\n", report.findings()));
        }
        return report.validRecords();
    }

    private static double rate(int records, long nanos) {
        return records / (nanos / 1e9);
    }
}
