package dev.deepfakeguard.keycloak.liveness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * CPU time of admitting and refusing frames ({@link FrameAdmissionBenchmark}) against the floor of decoding one
 * genuine frame, all in the same run and alternating every round, so that the ratios hold on a busy machine. Then,
 * twice, what the hostile progressive frame cost before admission existed: decoding it with ImageIO.
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.deepfakeguard.keycloak.liveness.FrameAdmissionCpuTime}.
 * <p>
 * Stays in {@code liveness} beside {@link FrameAdmissionBenchmark}, whose package-private entry it reads.
 */
public final class FrameAdmissionCpuTime {

    private static final int WARM_UP_ROUNDS = 5;
    private static final int ROUNDS = 9;
    private static final int OPERATIONS_PER_ROUND = 200;
    private static final int HOSTILE_DECODES = 2;

    private FrameAdmissionCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        FrameAdmissionBenchmark benchmark = new FrameAdmissionBenchmark();
        benchmark.setUp();
        System.out.printf(Locale.ROOT, "frames: progressive %d B, second scan at the end %d B, largest admissible %d B,"
                + " genuine %d B%n", benchmark.progressive.length, benchmark.secondScanAtTheEnd.length,
                benchmark.largest.length, benchmark.genuine.length);
        long largestFrames = benchmark.hostileSubmission.values().stream().filter(values -> values.get(0).length()
                == (benchmark.largest.length + 2) / 3 * 4).count();
        long submissionChars = benchmark.hostileSubmission.values().stream().mapToLong(v -> v.get(0).length()).sum();
        System.out.printf(Locale.ROOT, "hostile submission: %d frames (%d of the largest admissible, the hostile one "
                + "last), %d base64 characters in all%n", benchmark.hostileSubmission.keySet().stream()
                .filter(key -> key.startsWith("dfg_frame_") && !key.equals("dfg_frame_times")).count(),
                largestFrames, submissionChars);
        String[] names = {"decodeGenuineFrame (floor)", "rejectProgressive", "rejectSecondScanAtTheEnd",
                "admitLargestFrame", "readHostileSubmission"};
        IntSupplier[] operations = {
            () -> decode(benchmark.genuine),
            () -> benchmark.rejectProgressive().length(),
            () -> benchmark.rejectSecondScanAtTheEnd().length(),
            () -> benchmark.admitLargestFrame().length(),
            () -> benchmark.readHostileSubmission().length()};
        long[] cpu = new long[operations.length];
        long sink = 0;
        for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
            for (int op = 0; op < operations.length; op++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < OPERATIONS_PER_ROUND; i++) {
                    sink += operations[op].getAsInt();
                }
                if (round >= WARM_UP_ROUNDS) {
                    cpu[op] += threads.getCurrentThreadCpuTime() - start;
                }
            }
        }
        double floor = micros(cpu[0]);
        for (int op = 0; op < operations.length; op++) {
            System.out.printf(Locale.ROOT, "CPU %-28s %9.1f us/op  (%.3f x floor)%n", names[op], micros(cpu[op]),
                    micros(cpu[op]) / floor);
        }
        for (int i = 0; i < HOSTILE_DECODES; i++) {
            long start = threads.getCurrentThreadCpuTime();
            sink += decode(benchmark.progressive);
            double millis = (threads.getCurrentThreadCpuTime() - start) / 1e6;
            System.out.printf(Locale.ROOT, "CPU decode of the progressive frame without admission: %.0f ms "
                    + "(%.0f x floor, %.0f x its refusal)%n", millis, millis * 1000 / floor,
                    millis * 1000 / micros(cpu[1]));
        }
        System.out.println("(sink " + sink + ")");
    }

    private static double micros(long nanos) {
        return nanos / (double) (ROUNDS * OPERATIONS_PER_ROUND) / 1_000;
    }

    private static int decode(byte[] jpeg) {
        try {
            return FrameAdmissionBenchmark.decode(jpeg).getWidth();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
