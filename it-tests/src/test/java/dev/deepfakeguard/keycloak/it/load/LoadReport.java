package dev.deepfakeguard.keycloak.it.load;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The figures as Markdown tables: one row per point, then each guarded scenario against stock per concurrency. */
final class LoadReport {

    private LoadReport() {
    }

    static String header() {
        return "| scenario | clients | sign-ins | failed | sign-ins/s | server CPU ms/sign-in | steps p50 / p95 (ms) "
                + "| load avg |\n| --- | --- | --- | --- | --- | --- | --- | --- |";
    }

    static String row(LoadPoint point) {
        String steps = point.steps().stream()
                .map(step -> step + " " + millis(point, step, 0.50) + " / " + millis(point, step, 0.95))
                .collect(Collectors.joining("; "));
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %.2f | %.1f | %s | %s |", point.scenario(),
                point.clients(), point.signIns(), point.failures(), point.signInsPerSecond(),
                point.cpuMillisPerSignIn(), steps, point.loadAverage());
    }

    static String ratios(List<LoadPoint> points, String stock) {
        StringBuilder out = new StringBuilder("| scenario vs " + stock + " | clients | sign-ins/s ratio "
                + "| CPU per sign-in ratio |\n| --- | --- | --- | --- |\n");
        for (LoadPoint point : points) {
            if (point.scenario().equals(stock)) {
                continue;
            }
            Optional<LoadPoint> base = points.stream()
                    .filter(p -> p.scenario().equals(stock) && p.clients() == point.clients()).findFirst();
            base.ifPresent(b -> out.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f |%n",
                    point.scenario(), point.clients(), point.signInsPerSecond() / b.signInsPerSecond(),
                    point.cpuMillisPerSignIn() / b.cpuMillisPerSignIn())));
        }
        return out.toString();
    }

    private static long millis(LoadPoint point, String step, double fraction) {
        return point.times().quantile(step, fraction).toMillis();
    }
}
