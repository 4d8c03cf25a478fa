package dev.deepfakeguard.keycloak.it.support;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Bounded polling: the only place the tests wait for something that happens asynchronously. */
public final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(200);

    private Poll() {
    }

    /**
     * Calls {@code probe} until it returns a value or {@code timeout} passes.
     *
     * @return the first present value, or empty when the time is up
     */
    public static <T> Optional<T> until(Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value;
            }
            if (System.nanoTime() - deadline >= 0) {
                return Optional.empty();
            }
            pause(INTERVAL);
        }
    }

    /** Waits a known, bounded duration: e.g. until a challenge script would have finished playing. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
