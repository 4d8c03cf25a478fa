package dev.deepfakeguard.keycloak.it.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Wall time of each step of a sign-in (one HTTP exchange and its redirects), from every client of a load point. */
final class StepTimes {

    private final Map<String, List<Long>> nanos = new ConcurrentHashMap<>();

    <T> T time(String step, Supplier<T> action) {
        long start = System.nanoTime();
        T result = action.get();
        nanos.computeIfAbsent(step, key -> Collections.synchronizedList(new ArrayList<>()))
                .add(System.nanoTime() - start);
        return result;
    }

    /** The {@code fraction} quantile (nearest rank) of the step's times; zero when the step never completed. */
    Duration quantile(String step, double fraction) {
        List<Long> values = nanos.getOrDefault(step, List.of());
        List<Long> sorted;
        synchronized (values) {
            sorted = new ArrayList<>(values);
        }
        if (sorted.isEmpty()) {
            return Duration.ZERO;
        }
        Collections.sort(sorted);
        int rank = (int) Math.ceil(fraction * sorted.size());
        return Duration.ofNanos(sorted.get(Math.max(0, rank - 1)));
    }
}
