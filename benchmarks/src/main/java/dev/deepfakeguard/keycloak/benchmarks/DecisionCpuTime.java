package dev.deepfakeguard.keycloak.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * CPU time (not wall time) of the embedded scorer's decision and of the decode floor, measured with
 * {@link ThreadMXBean} on this thread. Robust against a busy machine, where JMH's wall-clock averages scatter.
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.deepfakeguard.keycloak.benchmarks.DecisionCpuTime}.
 */
public final class DecisionCpuTime {

    private static final int WARM_UP_ROUNDS = 3;
    private static final int ROUNDS = 5;
    private static final int OPERATIONS_PER_ROUND = 100;

    private DecisionCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        EmbeddedScorerBenchmark benchmark = new EmbeddedScorerBenchmark();
        benchmark.setUp();
        int[] sink = new int[1];
        long decodeNanos = 0;
        long decisionNanos = 0;
        // Alternate the two in every round so that both see the same JIT state and machine load.
        for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < OPERATIONS_PER_ROUND; i++) {
                benchmark.decodeAll(image -> sink[0] += image.getWidth());
            }
            long middle = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < OPERATIONS_PER_ROUND; i++) {
                sink[0] += benchmark.decision().livenessScore();
            }
            long end = threads.getCurrentThreadCpuTime();
            if (round >= WARM_UP_ROUNDS) {
                decodeNanos += middle - start;
                decisionNanos += end - middle;
            }
        }
        double operations = (double) ROUNDS * OPERATIONS_PER_ROUND;
        double decode = decodeNanos / operations / 1_000;
        double decision = decisionNanos / operations / 1_000;
        System.out.printf(Locale.ROOT, "decodeOnly CPU: %.0f us/op%ndecision   CPU: %.0f us/op%nratio: %.2f (sink %d)%n",
                decode, decision, decision / decode, sink[0]);
    }
}
