package dev.deepfakeguard.keycloak.metrics;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The table in docs/metrics.md is the catalogue the code registers from, so the two cannot drift apart. */
class MetricsDocsTableTest {

    private static final String BEGIN = "<!-- metrics table: generated from GuardMeter, checked by MetricsDocsTableTest -->";
    private static final String END = "<!-- end of metrics table -->";

    @Test
    void docsTableIsTheCatalogue() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "metrics.md"));
        int begin = docs.indexOf(BEGIN);
        int end = docs.indexOf(END);
        assertThat(begin).as("table markers in docs/metrics.md").isNotNegative();
        assertThat(end).isGreaterThan(begin);

        String documented = docs.substring(begin + BEGIN.length(), end).strip();

        assertThat(documented).as("docs/metrics.md table; regenerate it from this expected text").isEqualTo(table());
    }

    static String table() {
        String header = "| name on /metrics | type | tags | meaning |\n| --- | --- | --- | --- |\n";
        return header + Arrays.stream(GuardMeter.values()).map(meter -> "| `" + meter.prometheusName() + "` | "
                + meter.kind().name().toLowerCase(Locale.ROOT) + " | "
                + (meter.tags().isEmpty() ? "—" : meter.tags().stream().map(tag -> "`" + tag + "`")
                .collect(Collectors.joining(", ")))
                + " | " + meter.meaning() + " |").collect(Collectors.joining("\n"));
    }
}
