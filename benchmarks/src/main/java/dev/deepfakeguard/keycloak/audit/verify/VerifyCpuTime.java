package dev.deepfakeguard.keycloak.audit.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.deepfakeguard.keycloak.events.audit.AuditBenchmark;

/**
 * Wall-clock and CPU time of the offline verifier over {@link AuditBenchmark}'s 10,000-record export, read as bytes as
 * the CLI reads it: the byte-level fast path and the plain parsing path (every line parsed, canonicalised, hashed),
 * each on one thread and on all cores, beside the SHA-256 floor (record + personal part per record) on one thread and
 * on all cores — all alternating in every round, so that they see the same JIT state and machine load. CPU time is
 * the process's ({@code OperatingSystemMXBean.getProcessCpuTime}: the pool threads, and GC and JIT threads too),
 * because the parallel runs spend it on threads other than this one. (In this package to reach the verifier's
 * package-private parsing-only switch.)
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.deepfakeguard.keycloak.audit.verify.VerifyCpuTime}.
 */
public final class VerifyCpuTime {

    private static final int WARM_UP_ROUNDS = 4;
    private static final int ROUNDS = 9;
    /**
     * Exports verified per timed sample, and records hashed per sample by the floor: the process CPU clock ticks in
     * 10 ms steps here, so a sample must run for some hundred ms to be read to a few per cent.
     */
    private static final int VERIFY_REPEATS = 3;
    private static final int SHA_REPEATS = 20;

    private VerifyCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        AuditBenchmark benchmark = new AuditBenchmark();
        benchmark.setUp();
        byte[] export = benchmark.exportBytes();
        int records = AuditBenchmark.EXPORT_RECORDS * VERIFY_REPEATS;
        byte[] record = benchmark.recordBytes();
        byte[] personal = benchmark.personalBytes();
        ExecutorService shaPool = Executors.newFixedThreadPool(cores);
        String[] names = {"verify, fast path, 1 thread", "verify, fast path, " + cores + " threads",
            "verify, parsing path, 1 thread", "verify, parsing path, " + cores + " threads",
            "floor: SHA-256 record + personal, 1 thread", "floor: SHA-256 record + personal, " + cores + " threads"};
        long[][] wall = new long[names.length][ROUNDS];
        long[][] cpu = new long[names.length][ROUNDS];
        long sink = 0;
        for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
            for (int step = 0; step < names.length; step++) {
                int k = (step + round) % names.length; // a different order every round: no variant always first
                long c0 = processCpu();
                long w0 = System.nanoTime();
                sink += switch (k) {
                    case 0 -> verify(export, 1, true);
                    case 1 -> verify(export, cores, true);
                    case 2 -> verify(export, 1, false);
                    case 3 -> verify(export, cores, false);
                    case 4 -> sha256(record, personal, records * SHA_REPEATS);
                    default -> sha256(shaPool, cores, record, personal, records * SHA_REPEATS);
                };
                long w1 = System.nanoTime();
                long c1 = processCpu();
                int measured = round - WARM_UP_ROUNDS;
                if (measured >= 0) {
                    int per = k >= 4 ? SHA_REPEATS : 1; // per `records` records
                    wall[k][measured] = (w1 - w0) / per;
                    cpu[k][measured] = (c1 - c0) / per;
                }
            }
        }
        shaPool.shutdown();
        System.out.printf(Locale.ROOT, "%d-record export verified %d times per sample (%d records of %d + %d bytes: "
                + "record + personal part), %d cores, %d rounds%n", AuditBenchmark.EXPORT_RECORDS, VERIFY_REPEATS,
                records, record.length, personal.length, cores, ROUNDS);
        print("records per wall-clock second, median (min..max)", names, wall, records);
        System.out.println("records per CPU-second (process CPU time), all rounds together:");
        for (int k = 0; k < names.length; k++) {
            System.out.printf(Locale.ROOT, "  %-46s %,11.0f%n", names[k], rate(records * ROUNDS, sum(cpu[k])));
        }
        System.out.printf(Locale.ROOT, "fast ÷ parsing, wall clock: 1 thread %.2f×, %d threads %.2f×%n",
                (double) median(wall[2]) / median(wall[0]), cores, (double) median(wall[3]) / median(wall[1]));
        System.out.printf(Locale.ROOT, "fast ÷ parsing, CPU time:   1 thread %.2f×, %d threads %.2f×%n",
                (double) sum(cpu[2]) / sum(cpu[0]), cores, (double) sum(cpu[3]) / sum(cpu[1]));
        System.out.printf(Locale.ROOT, "%d threads ÷ 1 thread, wall clock: fast %.2f×, parsing %.2f×, SHA-256 %.2f×%n",
                cores, (double) median(wall[0]) / median(wall[1]), (double) median(wall[2]) / median(wall[3]),
                (double) median(wall[4]) / median(wall[5]));
        for (boolean fastPath : new boolean[] {true, false}) {
            long[] split = serialShare(export, fastPath);
            double serial = (double) split[1] / (split[0] + split[1]);
            System.out.printf(Locale.ROOT, "%s path, one thread's CPU: prepare (scan/parse + hash, parallel) %.0f ms, "
                    + "apply (in file order, serial) %.0f ms: serial share %.1f %%, so at most %.2f× on %d cores%n",
                    fastPath ? "fast" : "parsing", split[0] / 1e6, split[1] / 1e6, 100 * serial,
                    1 / (serial + (1 - serial) / cores), cores);
        }
        System.out.println("(sink " + sink + ")");
    }

    private static void print(String title, String[] names, long[][] nanos, int records) {
        System.out.println(title + ":");
        for (int k = 0; k < names.length; k++) {
            long[] sorted = nanos[k].clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "  %-46s %,11.0f  (%,.0f..%,.0f)%n", names[k], rate(records,
                    sorted[ROUNDS / 2]), rate(records, sorted[ROUNDS - 1]), rate(records, sorted[0]));
        }
    }

    /**
     * This thread's CPU time (nanosecond clock) for the two stages of {@link ParallelExportReader}, run one after the
     * other over the export {@code ROUNDS} times after a warm-up: {prepare, apply}. The apply stage runs on one
     * thread whatever the pool size, which bounds the speed-up (Amdahl) independently of the machine's load.
     */
    private static long[] serialShare(byte[] export, boolean fastPath) throws IOException {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] split = new long[2];
        for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
            LinePreparer preparer = new LinePreparer(fastPath);
            List<PreparedLine> prepared = new ArrayList<>();
            long t0 = threads.getCurrentThreadCpuTime();
            ExportChunks chunks = new ExportChunks(new ByteArrayInputStream(export), ExportChunks.SIZE);
            for (ExportChunks.Chunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
                prepared.addAll(preparer.prepare(chunk));
            }
            long t1 = threads.getCurrentThreadCpuTime();
            ExportVerifier verifier = new ExportVerifier(Set.of(), fastPath);
            prepared.forEach(verifier::apply);
            check(verifier.finish(), AuditBenchmark.EXPORT_RECORDS);
            long t2 = threads.getCurrentThreadCpuTime();
            if (round >= WARM_UP_ROUNDS) {
                split[0] += t1 - t0;
                split[1] += t2 - t1;
            }
        }
        return split;
    }

    private static long sum(long[] values) {
        return Arrays.stream(values).sum();
    }

    private static long verify(byte[] export, int threads, boolean fastPath) throws IOException {
        long valid = 0;
        for (int i = 0; i < VERIFY_REPEATS; i++) {
            valid += check(ExportVerifier.verify(new ByteArrayInputStream(export), Set.of(), threads, fastPath),
                    AuditBenchmark.EXPORT_RECORDS);
        }
        return valid;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long sha256(byte[] record, byte[] personal, int records) throws NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        long sink = 0;
        for (int i = 0; i < records; i++) {
            sink += sha256.digest(record)[0];
            sink += sha256.digest(personal)[0];
        }
        return sink;
    }

    private static long sha256(ExecutorService pool, int threads, byte[] record, byte[] personal, int records)
            throws InterruptedException, ExecutionException {
        List<Future<Long>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = records / threads + (t < records % threads ? 1 : 0);
            parts.add(pool.submit(() -> sha256(record, personal, share)));
        }
        long sink = 0;
        for (Future<Long> part : parts) {
            sink += part.get();
        }
        return sink;
    }

    private static long check(Report report, int records) throws IOException {
        if (report.exitCode() != 0 || report.validRecords() != records) {
            throw new IllegalStateException(String.join("\n", report.findings()));
        }
        return report.validRecords();
    }

    private static double rate(int records, long nanos) {
        return records / (nanos / 1e9);
    }
}
