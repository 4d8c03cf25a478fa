package dev.deepfakeguard.keycloak.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * CPU time and wall time of the embedded scorer's decision and of the decode floor, alternating the two in every
 * round so that both see the same JIT state and the same machine load. CPU time ({@link ThreadMXBean}, this thread
 * only) stays meaningful on a busy machine, where JMH's wall-clock averages scatter; the wall-time ratio is the
 * median of the per-round ratios.
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.deepfakeguard.keycloak.benchmarks.DecisionCpuTime}.
 */
public final class DecisionCpuTime {

    private static final int WARM_UP_ROUNDS = 3;
    private static final int ROUNDS = 9;
    private static final int OPERATIONS_PER_ROUND = 100;

    private DecisionCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        EmbeddedScorerBenchmark benchmark = new EmbeddedScorerBenchmark();
        benchmark.setUp();
        int[] sink = new int[1];
        long decodeCpu = 0;
        long decisionCpu = 0;
        double[] wallRatios = new double[ROUNDS];
        double[] decodeWall = new double[ROUNDS];
        double[] decisionWall = new double[ROUNDS];
        for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            for (int i = 0; i < OPERATIONS_PER_ROUND; i++) {
                benchmark.decodeAll(image -> sink[0] += image.getWidth());
            }
            long cpuMiddle = threads.getCurrentThreadCpuTime();
            long wallMiddle = System.nanoTime();
            for (int i = 0; i < OPERATIONS_PER_ROUND; i++) {
                sink[0] += benchmark.decision().livenessScore();
            }
            long cpuEnd = threads.getCurrentThreadCpuTime();
            long wallEnd = System.nanoTime();
            int measured = round - WARM_UP_ROUNDS;
            if (measured >= 0) {
                decodeCpu += cpuMiddle - cpuStart;
                decisionCpu += cpuEnd - cpuMiddle;
                decodeWall[measured] = perOperationMicros(wallMiddle - wallStart, OPERATIONS_PER_ROUND);
                decisionWall[measured] = perOperationMicros(wallEnd - wallMiddle, OPERATIONS_PER_ROUND);
                wallRatios[measured] = decisionWall[measured] / decodeWall[measured];
            }
        }
        double decode = perOperationMicros(decodeCpu, ROUNDS * OPERATIONS_PER_ROUND);
        double decision = perOperationMicros(decisionCpu, ROUNDS * OPERATIONS_PER_ROUND);
        System.out.printf(Locale.ROOT, "CPU  decodeOnly %.0f us/op, decision %.0f us/op, ratio %.2f%n",
                decode, decision, decision / decode);
        System.out.printf(Locale.ROOT, "wall decodeOnly %.0f us/op, decision %.0f us/op (medians), median ratio %.2f"
                + " (sink %d)%n", median(decodeWall), median(decisionWall), median(wallRatios), sink[0]);
        benchmark.tearDown();
    }

    private static double perOperationMicros(long nanos, int operations) {
        return nanos / (double) operations / 1_000;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
