package dev.deepfakeguard.keycloak.events.lockout;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Counts a failure on the request thread, each attempt in a transaction of its own, and backs off between attempts
 * (a row-lock timeout, a deadlock victim or an exhausted connection pool usually clears within moments). A failure
 * that still cannot be counted is not dropped: it waits in {@link PendingFailures} for the background worker, and
 * its user is refused on this node until then. Only a full queue loses a failure, loudly.
 */
final class FailureIntake {

    private static final Logger LOG = Logger.getLogger(FailureIntake.class);

    /** What became of a failure. */
    enum Outcome {
        /** Committed now; {@link Result#locks()} are the locks it set. */
        COUNTED,
        /** Not countable now; queued for the background worker. */
        DEFERRED,
        /** Not countable and the queue was full: only the log and the event tell of it. */
        LOST
    }

    record Result(Outcome outcome, List<LockDecision> locks, int attempts) {
    }

    /** Waits between attempts; a test passes one that only records. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final FailureStore store;
    private final PendingFailures pending;
    private final Backoff backoff;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    FailureIntake(FailureStore store, PendingFailures pending, Backoff backoff, LongSupplier nanoTime, Sleeper sleeper,
                  DoubleSupplier random) {
        this.store = store;
        this.pending = pending;
        this.backoff = backoff;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.random = random;
    }

    Result accept(LockoutFailure failure) {
        long start = nanoTime.getAsLong();
        RuntimeException last = null;
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                return new Result(Outcome.COUNTED, store.count(failure), attempt);
            } catch (KeyStripes.Busy e) {
                // Waited the whole budget for the subject's turn already: another try would only queue again.
                last = e;
                break;
            } catch (RuntimeException e) {
                last = e;
            }
            Optional<Duration> wait = backoff.next(attempt, Duration.ofNanos(nanoTime.getAsLong() - start),
                    random.getAsDouble());
            if (wait.isEmpty()) {
                break;
            }
            LOG.debugf("Deepfake Guard lockout could not count %s (attempt %d: %s); trying again in %d ms",
                    failure.describe(), attempt, last, wait.get().toMillis());
            try {
                sleeper.sleep(wait.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (pending.offer(failure)) {
            LOG.warnf("Deepfake Guard lockout could not count %s after %d attempts (%s); counting it in the "
                    + "background, and refusing the user on this node until then", failure.describe(), attempt, last);
            return new Result(Outcome.DEFERRED, List.of(), attempt);
        }
        LOG.errorf("Deepfake Guard lockout LOST %s: %d attempts failed (%s) and %d failures already wait to be "
                + "counted", failure.describe(), attempt, last, pending.size());
        return new Result(Outcome.LOST, List.of(), attempt);
    }
}
