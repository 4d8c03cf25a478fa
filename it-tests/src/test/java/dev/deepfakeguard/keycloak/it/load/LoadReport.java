package dev.deepfakeguard.keycloak.it.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** Sign-ins per second of each two-node scenario against its one-node twin ({@code twoToOne}), per concurrency. */
    static String scaling(List<LoadPoint> points, Map<String, String> twoToOne) {
        StringBuilder out = new StringBuilder("| scenario | clients | sign-ins/s, 1 node | sign-ins/s, 2 nodes "
                + "| 2 nodes / 1 node |\n| --- | --- | --- | --- | --- |\n");
        for (LoadPoint two : points) {
            String oneName = twoToOne.get(two.scenario());
            if (oneName == null) {
                continue;
            }
            points.stream().filter(p -> p.scenario().equals(oneName) && p.clients() == two.clients()).findFirst()
                    .ifPresent(one -> out.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %s |%n",
                            oneName.substring(0, oneName.lastIndexOf(',')), two.clients(), one.signInsPerSecond(),
                            two.signInsPerSecond(), one.signIns() == 0 ? "—" : String.format(Locale.ROOT, "%.2f",
                                    two.signInsPerSecond() / one.signInsPerSecond()))));
        }
        return out.toString();
    }

    /** Prints the report and writes it to {@code target/<file>}. */
    static void save(CharSequence report, String file) {
        System.out.println(report);
        try {
            Files.writeString(Path.of("target", file), report);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write target/" + file, e);
        }
    }

    private static long millis(LoadPoint point, String step, double fraction) {
        return point.times().quantile(step, fraction).toMillis();
    }
}
