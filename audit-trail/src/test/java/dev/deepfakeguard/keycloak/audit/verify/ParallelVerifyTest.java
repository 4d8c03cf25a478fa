package dev.deepfakeguard.keycloak.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.deepfakeguard.keycloak.audit.chain.ChainHead;
import dev.deepfakeguard.keycloak.audit.format.Fields;
import dev.deepfakeguard.keycloak.audit.format.Json;
import dev.deepfakeguard.keycloak.audit.format.JsonSyntaxException;

/**
 * The verifier on many threads must print the very report of one thread — every finding in the same place, every
 * count the same — however the chunks of the export are cut and whichever thread finishes first. The exports here
 * have findings in several chains at once, also with the chains' lines interleaved, so that a report assembled in
 * completion order instead of file order would show up.
 */
class ParallelVerifyTest {

    private static final int ROUNDS = 6;
    private static final int[] THREADS = {2, 3, 4, 8};
    private static final int[] CHUNK_SIZES = {1, 700, ExportChunks.SIZE};

    /** Five chains: node-a e1 → e2 (an epoch hand-over), node-b, node-c retired and closed by node-d's hand-over. */
    private static List<String> export() {
        ExportFixture fixture = new ExportFixture().epoch("e1").logins(30).checkpoint().logins(20).checkpoint()
                .epoch("e2").logins(25).checkpoint()
                .node("node-b", "e-b").logins(40).checkpoint()
                .node("node-c", "e-gone").logins(12).checkpoint();
        ChainHead end = fixture.currentHead();
        return fixture.node("node-d", "e-live").logins(3).handOver(end, 2).logins(15).checkpoint().lines();
    }

    static Stream<Arguments> tamperedExports() {
        Map<String, UnaryOperator<List<String>>> cases = new LinkedHashMap<>();
        cases.put("untouched", lines -> lines);
        cases.put("reordered in node-a e1, dropped in node-b", lines -> {
            swap(lines, recordLine(lines, "node-a", "e1", 7), recordLine(lines, "node-a", "e1", 9));
            lines.remove(recordLine(lines, "node-b", "e-b", 20));
            return lines;
        });
        cases.put("forged signature in node-a e2, flipped byte in node-d", lines -> {
            int checkpoint = checkpointLine(lines, "node-a", "e2");
            lines.set(checkpoint, lines.get(checkpoint).replaceFirst("\"signature\":\"[A-Za-z0-9+/]{8}",
                    "\"signature\":\"AAAAAAAA"));
            int record = recordLine(lines, "node-d", "e-live", 10);
            lines.set(record, lines.get(record).replace("\"livenessScore\":9600", "\"livenessScore\":9601"));
            return lines;
        });
        cases.put("gap in chain A and in chain B", lines -> {
            lines.remove(recordLine(lines, "node-a", "e1", 12));
            lines.remove(recordLine(lines, "node-b", "e-b", 33));
            return lines;
        });
        cases.put("hand-over broken: the retired chain goes on after its closure", lines -> {
            lines.remove(recordLine(lines, "node-c", "e-gone", 13));
            lines.remove(recordLine(lines, "node-c", "e-gone", 12));
            return lines;
        });
        cases.put("all of them at once", lines -> {
            swap(lines, recordLine(lines, "node-a", "e1", 7), recordLine(lines, "node-a", "e1", 9));
            lines.remove(recordLine(lines, "node-b", "e-b", 20));
            lines.remove(recordLine(lines, "node-a", "e1", 12));
            lines.remove(recordLine(lines, "node-c", "e-gone", 13));
            int record = recordLine(lines, "node-d", "e-live", 10);
            lines.set(record, lines.get(record).replace("\"livenessScore\":9600", "\"livenessScore\":9601"));
            int checkpoint = checkpointLine(lines, "node-a", "e2");
            lines.set(checkpoint, lines.get(checkpoint).replaceFirst("\"signature\":\"[A-Za-z0-9+/]{8}",
                    "\"signature\":\"AAAAAAAA"));
            return lines;
        });
        List<String> base = export();
        return cases.entrySet().stream().flatMap(c -> Stream.of(
                Arguments.of(c.getKey(), c.getValue().apply(new ArrayList<>(base))),
                Arguments.of(c.getKey() + ", chains interleaved", interleave(c.getValue().apply(
                        new ArrayList<>(base))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperedExports")
    @DisplayName("Given an export with findings in several chains, then every thread count prints the report of one")
    void parallelReportIsTheSequentialReport(String name, List<String> lines) {
        byte[] file = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        Report sequential = lineByLine(file);
        Report oneThread = verify(file, 1, ExportChunks.SIZE);
        assertThat(print(oneThread)).isEqualTo(print(sequential));
        if (!name.startsWith("untouched")) {
            assertThat(sequential.exitCode()).isEqualTo(Report.INVALID);
        }

        for (int round = 0; round < ROUNDS; round++) {
            for (int threads : THREADS) {
                for (int chunkSize : CHUNK_SIZES) {
                    Report parallel = verify(file, threads, chunkSize);
                    assertThat(parallel.findings()).as("%d threads, chunks of %d", threads, chunkSize)
                            .containsExactlyElementsOf(oneThread.findings());
                    assertThat(print(parallel)).isEqualTo(print(oneThread));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperedExports")
    void tamperedExportsHaveFindingsInSeveralChains(String name, List<String> lines) {
        List<String> findings = lineByLine((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8))
                .findings().stream().filter(f -> !f.startsWith("NOTE")).toList();
        if (name.startsWith("untouched")) {
            assertThat(findings).isEmpty();
        } else if (name.startsWith("all of them")) {
            assertThat(findings).anyMatch(f -> f.contains("reordering") && f.contains("node node-a epoch e1"))
                    .anyMatch(f -> f.contains("node node-b epoch e-b: gap"))
                    .anyMatch(f -> f.contains("node node-a epoch e1: gap"))
                    .anyMatch(f -> f.contains("bad signature") && f.contains("node node-a epoch e2"))
                    .anyMatch(f -> f.contains("hash does not match its content") && f.contains("node-d"))
                    .anyMatch(f -> f.contains("the hand-over in") && f.contains("node node-c epoch e-gone"));
        } else {
            assertThat(findings.stream().map(ParallelVerifyTest::chainNamed).distinct()).hasSizeGreaterThan(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperedExports")
    @DisplayName("Given CR LF or CR line ends cut anywhere by the chunks, then the report is that of readLine")
    void lineEndsCutByChunksAgree(String name, List<String> lines) {
        for (String separator : List.of("\r\n", "\r")) {
            byte[] file = (String.join(separator, lines) + separator).getBytes(StandardCharsets.UTF_8);
            String expected = print(lineByLine(file));
            for (int chunkSize : new int[] {1, 2, 3, 500, 1021}) {
                assertThat(print(verify(file, 2, chunkSize))).isEqualTo(expected);
            }
        }
    }

    @Test
    @DisplayName("Given a long export, then the reader is never more than two chunks per thread ahead of the verifier")
    void readsAheadOnlyTwoChunksPerThread() throws IOException {
        int lineLength = 100;
        int lines = 20_000;
        int chunkSize = 1000;
        int threads = 3;
        ExportVerifier verifier = new ExportVerifier(Set.of());
        long[] maxAhead = new long[1];
        InputStream blankLines = new InputStream() {
            private long read;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                // Called on the applying thread, so lineNumber() is what has been applied so far.
                maxAhead[0] = Math.max(maxAhead[0], read - (long) verifier.lineNumber() * lineLength);
                int n = (int) Math.min(len, (long) lines * lineLength - read);
                if (n <= 0) {
                    return -1;
                }
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) ((read + i + 1) % lineLength == 0 ? '\n' : ' ');
                }
                read += n;
                return n;
            }
        };

        ParallelExportReader.read(blankLines, verifier, threads, true, chunkSize);

        assertThat(verifier.lineNumber()).isEqualTo(lines);
        assertThat(maxAhead[0]).isPositive().isLessThanOrEqualTo((2L * threads + 2) * chunkSize);
    }

    private static String chainNamed(String finding) {
        for (String chain : List.of("node node-a epoch e1", "node node-a epoch e2", "node node-b", "node node-c",
                "node node-d")) {
            if (finding.contains(chain)) {
                return chain;
            }
        }
        return "none";
    }

    /** Round-robin over the chains' lines, each chain's own order kept; header and manifest first, end last. */
    private static List<String> interleave(List<String> lines) {
        Map<String, List<String>> byChain = new LinkedHashMap<>();
        for (String line : lines.subList(2, lines.size() - 1)) {
            byChain.computeIfAbsent(chainOf(line), key -> new ArrayList<>()).add(line);
        }
        List<String> out = new ArrayList<>(lines.subList(0, 2));
        for (int i = 0; out.size() < lines.size() - 1; i++) {
            for (List<String> chain : byChain.values()) {
                if (i < chain.size()) {
                    out.add(chain.get(i));
                }
            }
        }
        out.add(lines.get(lines.size() - 1));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static String chainOf(String line) {
        Map<String, Object> json;
        try {
            json = Json.parseObject(line);
        } catch (JsonSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        Map<String, Object> inner = json.containsKey("record") ? (Map<String, Object>) json.get("record")
                : (Map<String, Object>) json.get("checkpoint");
        return Fields.string(inner, "node") + " " + Fields.string(inner, "epoch");
    }

    private static int recordLine(List<String> lines, String node, String epoch, long seq) {
        String needle = "\"epoch\":\"" + epoch + "\"";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains("\"kind\":\"record\"") && line.contains(needle) && line.contains("\"node\":\"" + node
                    + "\"") && line.contains("\"seq\":" + seq + ",")) {
                return i;
            }
        }
        throw new IllegalArgumentException("no record seq " + seq + " of " + node + " " + epoch);
    }

    private static int checkpointLine(List<String> lines, String node, String epoch) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains("\"kind\":\"checkpoint\"") && line.contains("\"node\":\"" + node + "\"")
                    && line.contains("\"epoch\":\"" + epoch + "\"")) {
                return i;
            }
        }
        throw new IllegalArgumentException("no checkpoint of " + node + " " + epoch);
    }

    private static void swap(List<String> lines, int i, int j) {
        String line = lines.get(i);
        lines.set(i, lines.get(j));
        lines.set(j, line);
    }

    private static Report verify(byte[] file, int threads, int chunkSize) {
        ExportVerifier verifier = new ExportVerifier(Set.of());
        try {
            ParallelExportReader.read(new ByteArrayInputStream(file), verifier, threads, true, chunkSize);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return verifier.finish();
    }

    /** The verifier as it was before it had threads: readLine, one line after the other. */
    private static Report lineByLine(byte[] file) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(file),
                StandardCharsets.UTF_8))) {
            return ExportVerifier.verify(reader, Set.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String print(Report report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
