package dev.deepfakeguard.keycloak.events.lockout;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Counts the failures the request threads had to leave in {@link PendingFailures}, oldest first, on one background
 * thread per node ({@code deepfake-guard-lockout-pending}). While the database still refuses, it waits longer after
 * each failed round (doubling up to {@link #MAX_PAUSE}). Each counted failure is reported to {@code counted} (which
 * emits its lock events and a {@code counted_late} event). At shutdown, what is still pending is logged as lost.
 */
final class PendingFailureWorker implements AutoCloseable {

    static final Duration MAX_PAUSE = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(PendingFailureWorker.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** What to do once a pending failure is counted. */
    @FunctionalInterface
    interface Counted {
        void counted(LockoutFailure failure, List<LockDecision> locks);
    }

    private final PendingFailures pending;
    private final FailureStore store;
    private final Counted counted;
    private final Duration interval;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService executor;
    private int failedRounds;
    private long pausedUntil;

    PendingFailureWorker(PendingFailures pending, FailureStore store, Counted counted, Duration interval,
                         LongSupplier nanoTime) {
        this.pending = pending;
        this.store = store;
        this.counted = counted;
        this.interval = interval;
        this.nanoTime = nanoTime;
        this.pausedUntil = nanoTime.getAsLong();
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "deepfake-guard-lockout-pending");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        executor.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round: count pending failures until none is left or one fails. Runs on the worker's thread only. */
    void tick() {
        if (pending.size() == 0 || nanoTime.getAsLong() - pausedUntil < 0) {
            return;
        }
        while (true) {
            var next = pending.oldest();
            if (next.isEmpty()) {
                failedRounds = 0;
                return;
            }
            LockoutFailure failure = next.get();
            List<LockDecision> locks;
            try {
                locks = store.count(failure);
            } catch (RuntimeException e) {
                failedRounds++;
                Duration pause = pause(failedRounds);
                pausedUntil = nanoTime.getAsLong() + pause.toNanos();
                LOG.warnf("Deepfake Guard lockout still cannot count %d pending failures (%s); next try in %d s",
                        pending.size(), e, pause.toSeconds());
                return;
            }
            pending.countedOldest(failure);
            try {
                counted.counted(failure, locks);
            } catch (RuntimeException e) {
                // Counted and committed; only its report failed.
                LOG.warnf("Deepfake Guard lockout counted %s late but could not report it: %s", failure.describe(), e);
            }
        }
    }

    /** The interval, doubled per failed round in a row, at most {@link #MAX_PAUSE}. */
    Duration pause(int rounds) {
        long nanos = interval.toNanos() << Math.min(rounds - 1, 20);
        return Duration.ofNanos(Math.min(nanos, MAX_PAUSE.toNanos()));
    }

    @Override
    public void close() {
        executor.shutdown();
        boolean stopped;
        try {
            stopped = executor.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!stopped) {
                executor.shutdownNow();
                stopped = executor.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            stopped = false;
        }
        // The interrupt flag would make the last round's waits fail at once: cleared for it, then given back.
        boolean interrupted = Thread.interrupted();
        if (stopped && pending.size() > 0) {
            // One last round, whatever the pause: what is counted now is not lost. Only once the worker's own
            // thread has ended, so no failure is counted twice.
            pausedUntil = nanoTime.getAsLong();
            tick();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        List<LockoutFailure> lost = pending.drain();
        for (LockoutFailure failure : lost) {
            LOG.errorf("Deepfake Guard lockout LOST %s: the node stopped before it could be counted",
                    failure.describe());
        }
    }
}
