package dev.deepfakeguard.keycloak.alerting;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts suspected deepfakes per realm in fixed windows on this node, and says once per window when the count goes
 * over the threshold. A window starts with the first suspected deepfake after the previous one ended.
 */
final class DeepfakeRateCounter {

    /** The count went over the threshold in the window that started at {@code windowStart} (epoch millis). */
    record Burst(long count, long windowStart) {
    }

    private record Window(long start, long count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    Optional<Burst> observe(String realmId, long nowMillis, DeepfakeRateSettings settings) {
        Window window = windows.compute(realmId, (id, current) ->
                current == null || nowMillis - current.start() >= settings.window().toMillis()
                        ? new Window(nowMillis, 1)
                        : new Window(current.start(), current.count() + 1));
        // compute is atomic per realm: exactly one observation of a window sees the count one over the threshold.
        return window.count() == settings.threshold() + 1L
                ? Optional.of(new Burst(window.count(), window.start()))
                : Optional.empty();
    }

    void forget(String realmId) {
        windows.remove(realmId);
    }
}
