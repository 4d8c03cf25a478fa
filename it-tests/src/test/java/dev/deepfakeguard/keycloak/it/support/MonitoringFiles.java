package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped Grafana dashboard and Prometheus alert rules, read for the metric names they use. */
public final class MonitoringFiles {

    /** Series that appear with the first helpdesk verification that ends, not before. */
    public static final Predicate<String> HELPDESK = name -> name.startsWith("dfg_helpdesk_");

    private static final Path DASHBOARD = Path.of("..", "monitoring", "grafana", "deepfake-guard-dashboard.json");
    private static final Path RULES = Path.of("..", "monitoring", "prometheus", "deepfake-guard-alerts.yaml");
    private static final Pattern METRIC_NAME = Pattern.compile("\\bdfg_[a-z0-9_]+\\b");

    private MonitoringFiles() {
    }

    /** Every {@code dfg_} metric name the dashboard or the rules use. */
    public static Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        for (Path file : new Path[] {DASHBOARD, RULES}) {
            try {
                Matcher matcher = METRIC_NAME.matcher(Files.readString(file));
                while (matcher.find()) {
                    names.add(matcher.group());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
            }
        }
        return names;
    }
}
