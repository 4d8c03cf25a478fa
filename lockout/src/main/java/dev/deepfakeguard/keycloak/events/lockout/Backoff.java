package dev.deepfakeguard.keycloak.events.lockout;

import java.time.Duration;
import java.util.Optional;

/**
 * When to try counting a failure again: waits doubling from {@code first} up to {@code max}, each drawn between half
 * and one and a half times that (so that the losers of one row-lock wait do not all come back at the same moment),
 * and no further attempt after {@code maxAttempts} or once {@code budget} would be exceeded.
 *
 * @param maxAttempts attempts in all, at least 1
 * @param first       wait after the first failed attempt (before jitter)
 * @param max         longest wait (before jitter)
 * @param budget      time from the first attempt after which no new attempt starts
 */
record Backoff(int maxAttempts, Duration first, Duration max, Duration budget) {

    Backoff {
        if (maxAttempts < 1 || first.isNegative() || first.isZero() || max.compareTo(first) < 0
                || budget.isNegative()) {
            throw new IllegalArgumentException("backoff needs attempts ≥ 1 and 0 < first ≤ max, budget ≥ 0");
        }
    }

    /**
     * @param failedAttempt 1-based number of the attempt that just failed
     * @param elapsed       time since the first attempt started
     * @param random        uniform in [0, 1)
     * @return the wait before the next attempt, or empty when there is none
     */
    Optional<Duration> next(int failedAttempt, Duration elapsed, double random) {
        if (failedAttempt >= maxAttempts) {
            return Optional.empty();
        }
        long base = first.toNanos() << Math.min(failedAttempt - 1, 30);
        base = Math.min(base < 0 ? Long.MAX_VALUE : base, max.toNanos());
        Duration wait = Duration.ofNanos(base / 2 + (long) (base * random));
        return elapsed.plus(wait).compareTo(budget) < 0 ? Optional.of(wait) : Optional.empty();
    }
}
