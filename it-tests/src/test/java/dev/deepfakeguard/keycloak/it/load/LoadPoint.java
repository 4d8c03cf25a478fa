package dev.deepfakeguard.keycloak.it.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One measurement: {@code clients} user agents signing in back to back for a duration, each as its own user. A
 * sign-in still running when the time is up is finished and counted; the wall time includes it.
 */
record LoadPoint(String scenario, List<String> steps, int clients, Duration wall, int signIns, int failures,
                 Duration serverCpu, String loadAverage, StepTimes times, Throwable firstFailure) {

    private static final Duration DRAIN = Duration.ofMinutes(5);

    static LoadPoint run(String scenario, SignInWalk walk, int clients, Duration duration, ProcessCpu cpu) {
        StepTimes times = new StepTimes();
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Duration cpuBefore = cpu.used();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int i = 0; i < clients; i++) {
            int client = i;
            pool.execute(() -> {
                while (System.nanoTime() < end) {
                    try {
                        (walk.signIn(client, times) ? succeeded : failed).incrementAndGet();
                    } catch (RuntimeException | AssertionError e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                }
            });
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(duration.plus(DRAIN).toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
                throw new IllegalStateException(scenario + " at " + clients + " clients did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        return new LoadPoint(scenario, walk.steps(), clients, wall, succeeded.get(), failed.get(),
                cpu.used().minus(cpuBefore), ProcessCpu.loadAverage(), times, firstFailure.get());
    }

    double signInsPerSecond() {
        return signIns / (wall.toNanos() / 1e9);
    }

    /** Server CPU over every attempt, successful or not; zero attempts give zero. */
    double cpuMillisPerSignIn() {
        int attempts = signIns + failures;
        return attempts == 0 ? 0 : serverCpu.toNanos() / 1e6 / attempts;
    }
}
