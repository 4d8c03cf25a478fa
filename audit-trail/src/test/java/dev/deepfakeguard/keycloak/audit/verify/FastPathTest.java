package dev.deepfakeguard.keycloak.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.deepfakeguard.keycloak.audit.format.ExportFormat;

/**
 * The fast path (canonical record lines hashed as they stand) must report exactly what the fully parsing path
 * reports, finding for finding and count for count, for every export — untouched or tampered with. The reference is
 * the verifier as it was: every line parsed, the file read through an {@code InputStreamReader}.
 */
class FastPathTest {

    /** Lines: 0 header, 1 manifest, 2 epoch_start (seq 1), 3..7 logins seq 2..6, 8 checkpoint, 9..11 seq 7..9, 12 checkpoint, 13 end. */
    private static List<String> export() {
        return new ArrayList<>(EXPORT);
    }

    private static final List<String> EXPORT = List.copyOf(new ExportFixture().epoch("e1").logins(5).checkpoint()
            .logins(3).checkpoint().lines());

    /** An export whose records need every kind of canonical string: non-ASCII, a surrogate pair, controls. */
    private static List<String> exportWithAwkwardStrings() {
        return exportWithAwkwardStrings(true);
    }

    /** @param checkpoint false = no checkpoint (incomplete, but no signature to check: cheap to verify) */
    private static List<String> exportWithAwkwardStrings(boolean checkpoint) {
        Map<String, Object> personal = new TreeMap<>();
        personal.put("salt", "s-1");
        personal.put("userName", "Zoë \"zed\" \\ Ω 😀 \u0001\u001f\t\n\r\b\f \u007f \u2028");
        personal.put("userAgent", "Mozilla/5.0 (X11; Linux x86_64) ẞ €");
        Map<String, Object> body = new TreeMap<>();
        body.put("type", ExportFormat.TYPE_USER_EVENT);
        body.put("time", ExportFixture.T0);
        body.put("event", Map.of("type", "LOGIN", "details", Map.of("", "empty name", "a b", List.of(-1L, 0L,
                9_007_199_254_740_991L, -9_007_199_254_740_991L, true, false, List.of(), Map.of()))));
        body.put("note", "日本語 ﬃ \uffff");
        ExportFixture fixture = new ExportFixture().epoch("e1").logins(1).record(body, personal).record(body, null)
                .logins(1);
        return checkpoint ? fixture.checkpoint().lines() : fixture.lines();
    }

    @Test
    @DisplayName("Given an untouched export, then every record but the epoch_start takes the fast path, and it agrees")
    void untouchedExportTakesTheFastPath() {
        List<String> lines = export();

        ExportVerifier fast = agreesWithParsingPath(lines);

        assertThat(fast.fastLines()).isEqualTo(8);
        assertThat(reference(bytes(lines, "\n")).exitCode()).isZero();
    }

    @Test
    void awkwardButCanonicalStringsTakeTheFastPath() {
        List<String> lines = exportWithAwkwardStrings();

        ExportVerifier fast = agreesWithParsingPath(lines);

        assertThat(fast.fastLines()).isEqualTo(4);
        assertThat(reference(bytes(lines, "\n")).exitCode()).as(print(reference(bytes(lines, "\n")))).isZero();
    }

    @Test
    @DisplayName("Given each tampering the tests know, then fast and parsing path report the same")
    void namedTamperingsAgree() {
        List<UnaryOperator<String>> recordEdits = List.of(
                s -> s.replace("\"livenessScore\":9600", "\"livenessScore\":9700"),
                s -> s.replace("\"seq\":3", "\"seq\":4"),
                s -> s.replace("\"seq\":3", "\"seq\":2"),
                s -> s.replace("\"seq\":3", "\"seq\":0"),
                s -> s.replace("\"seq\":3", "\"seq\":-3"),
                s -> s.replace("\"seq\":3", "\"seq\":1"),
                s -> s.replace("\"seq\":3", "\"seq\":\"3\""),
                s -> s.replace("\"seq\":3", "\"seq\":03"),
                s -> s.replace("\"seq\":3", "\"seq\":3.0"),
                s -> s.replace("\"seq\":3", "\"seq\":3e0"),
                s -> s.replace("\"seq\":3", "\"seq\":9007199254740993"),
                s -> s.replace("\"seq\":3", "\"seq\":99999999999999999999"),
                s -> s.replace("\"time\":", "\"time\":-0,\"time\":"),
                s -> s.replace("\"livenessScore\":9600", "\"livenessScore\":-0"),
                s -> s.replace("\"seq\":3", "\"seq\" : 3"),
                s -> s.replace("\"seq\":3,", "\"seq\":3 ,"),
                s -> s.replace("{\"dfg\":", "{ \"dfg\":"),
                s -> s.replace("\"node\":\"node-a\"", "\"node\":\"node-b\""),
                s -> s.replace("\"node\":\"node-a\"", "\"node\":\"node a\""),
                s -> s.replace("\"node\":\"node-a\"", "\"node\":\"nod\\u0065-a\""),
                s -> s.replace("\"node\":\"node-a\"", "\"node\":\"" + "n".repeat(129) + "\""),
                s -> s.replace("\"node\":\"node-a\",", ""),
                s -> s.replace("\"epoch\":\"e1\"", "\"epoch\":\"e2\""),
                s -> s.replace("\"epoch\":\"e1\"", "\"epoch\":7"),
                s -> s.replace("\"prevHash\":\"", "\"prevHash\":\"0"),
                s -> s.replace("\"prevHash\":\"", "\"prevHash\":\"\\u0030"),
                s -> s.replaceFirst("\"prevHash\":\"[0-9a-f]{64}\",", ""),
                s -> s.replaceFirst("\\{\"hash\":\"[0-9a-f]", "{\"hash\":\"A"),
                s -> s.replaceFirst("\\{\"hash\":\"[0-9a-f]{64}\"", "{\"hash\":\"" + "0".repeat(64) + "\""),
                s -> s.replaceFirst("\\{\"hash\":\"[0-9a-f]{64}\",", "{"),
                s -> s.replace("\"kind\":\"record\"", "\"kind\":\"elided\""),
                s -> s.replace("\"kind\":\"record\"", "\"kind\":\"pending\""),
                // Member order and whitespace: the record's canonical form, hence its hash, does not change; the
                // parsing path accepts such a line, and so must the fast path (by handing it to the parsing path).
                s -> s.replace("\"decision\":\"allow\",\"livenessScore\":9600",
                        "\"livenessScore\":9600,\"decision\":\"allow\""),
                s -> s.replace("\"decision\":\"allow\"", "\"decision\":\"allow\",\"decision\":\"allow\""),
                s -> s.replace("\"decision\":\"allow\"", "\"decision\":\"\\u0061llow\""),
                s -> s.replace("\"decision\":\"allow\"", "\"decision\":\"allow\\/\""),
                s -> s.replace("\"decision\":\"allow\"", "\"decision\" :\t\"allow\""),
                s -> s.replace("\"kind\":\"record\",\"personal\"", "\"personal\"")
                        .replace("{\"hash\"", "{\"kind\":\"record\",\"hash\""),
                s -> s + " ",
                s -> " " + s,
                s -> s + "x",
                s -> s.substring(0, s.length() - 1),
                // personal parts: erased, altered, escaped, reordered, digest removed or of another type
                s -> s.replaceFirst("\"personal\":\\{[^}]*}", "\"personal\":null"),
                s -> s.replace("\"userName\":\"alice\"", "\"userName\":\"mallory\""),
                s -> s.replace("\"userName\":\"alice\"", "\"userName\":\"\\u0061lice\""),
                s -> s.replace("\"userName\":\"alice\"", "\"userName\":\"alice\" "),
                s -> s.replace("{\"ipAddress\":\"127.0.0.1\",", "{").replace("\"userName\":\"alice\"}",
                        "\"userName\":\"alice\",\"ipAddress\":\"127.0.0.1\"}"),
                s -> s.replaceFirst("\"personalDigest\":\"[0-9a-f]{64}\",", ""),
                s -> s.replaceFirst("\"personalDigest\":\"[0-9a-f]{64}\"", "\"personalDigest\":42"),
                s -> s.replaceFirst("\"personalDigest\":\"[0-9a-f]", "\"personalDigest\":\"F"),
                s -> s.replaceFirst("\"personalDigest\":\"([0-9a-f]{64})\"", "\"personalDigest\":\"$1 \""),
                s -> s.replaceFirst("\"personalDigest\":\"[0-9a-f]", "\"personalDigest\":\"\\\\u0030"),
                s -> s.replace("\"personal\":{", "\"personal\":[{").replace("},\"record\"", "}],\"record\""));
        for (int line : List.of(3, 4, 11)) {
            for (UnaryOperator<String> edit : recordEdits) {
                List<String> lines = export();
                lines.set(line, edit.apply(lines.get(line)));
                agreesWithParsingPath(lines);
            }
        }
    }

    @Test
    void structuralTamperingsAgree() {
        List<List<String>> exports = new ArrayList<>();
        List<String> swapped = export();
        Collections.swap(swapped, 4, 5);
        exports.add(swapped);
        List<String> deleted = export();
        deleted.remove(5);
        exports.add(deleted);
        List<String> duplicated = export();
        duplicated.add(5, duplicated.get(5));
        exports.add(duplicated);
        List<String> afterEnd = export();
        afterEnd.add(afterEnd.get(5));
        exports.add(afterEnd);
        List<String> noHeader = export();
        noHeader.remove(0);
        exports.add(noHeader);
        List<String> noManifest = export();
        noManifest.remove(1);
        exports.add(noManifest);
        List<String> truncated = export().subList(0, 10);
        exports.add(truncated);
        List<String> blankLines = export();
        blankLines.add(4, "");
        blankLines.add(6, "   ");
        exports.add(blankLines);
        List<String> secondEpochMoved = new ExportFixture().epoch("e1").logins(2).checkpoint().epoch("e2").logins(2)
                .checkpoint().lines();
        Collections.swap(secondEpochMoved, 3, 8);
        exports.add(secondEpochMoved);
        for (List<String> lines : exports) {
            agreesWithParsingPath(lines);
        }
    }

    @Test
    @DisplayName("Given any one byte of a record line flipped, dropped, doubled or replaced, then both paths agree")
    void everySingleByteTamperingAgrees() {
        // Without a checkpoint, so that no signature check slows the ~10,000 comparisons down; the records' own
        // checks and the chain links are all there is to compare.
        List<String> clean = exportWithAwkwardStrings(false);
        for (int line : List.of(4)) { // the record with the awkward strings and a personal part
            byte[] original = clean.get(line).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < original.length; i++) {
                for (int mutation = 0; mutation < 7; mutation++) {
                    byte[] tampered = mutate(original, i, mutation);
                    List<byte[]> lines = new ArrayList<>();
                    for (String l : clean) {
                        lines.add(l.getBytes(StandardCharsets.UTF_8));
                    }
                    lines.set(line, tampered);
                    agreesWithParsingPath(join(lines, "\n"));
                }
            }
        }
    }

    @Test
    void lineEndingsAreSplitAsReadLineSplitsThem() {
        List<String> lines = export();
        for (String separator : List.of("\r\n", "\r", "\n\n", "\r\r\n", "\n\r")) {
            agreesWithParsingPath(bytes(lines, separator));
            agreesWithParsingPath(bytes(lines, separator + separator));
        }
        byte[] noFinalNewline = bytes(lines, "\n");
        agreesWithParsingPath(java.util.Arrays.copyOf(noFinalNewline, noFinalNewline.length - 1));
        agreesWithParsingPath(new byte[0]);
        agreesWithParsingPath(new byte[] {'\n'});
        agreesWithParsingPath(new byte[] {'\r'});
    }

    @Test
    @DisplayName("Given a line ending in a cut-off UTF-8 sequence, then it is decoded as an InputStreamReader would")
    void undecodableBytesAtLineEndsAgree() {
        List<String> clean = export();
        for (byte[] tail : List.of(new byte[] {(byte) 0xe2, (byte) 0x82}, new byte[] {(byte) 0xf0, (byte) 0x9f,
                (byte) 0x98}, new byte[] {(byte) 0xc3}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})) {
            for (int line : List.of(0, 4, 8, 13)) {
                for (String separator : List.of("\n", "\r\n", "\r")) {
                    List<byte[]> lines = new ArrayList<>();
                    for (String l : clean) {
                        lines.add(l.getBytes(StandardCharsets.UTF_8));
                    }
                    ByteArrayOutputStream edited = new ByteArrayOutputStream();
                    edited.writeBytes(lines.get(line));
                    edited.writeBytes(tail);
                    lines.set(line, edited.toByteArray());
                    agreesWithParsingPath(join(lines, separator));
                    byte[] file = join(lines.subList(0, line + 1), separator);
                    agreesWithParsingPath(java.util.Arrays.copyOf(file, file.length - separator.length()));
                }
            }
        }
    }

    @Test
    void linesLongerThanTheReadBufferAgree() {
        Map<String, Object> body = new TreeMap<>();
        body.put("type", ExportFormat.TYPE_USER_EVENT);
        body.put("time", ExportFixture.T0);
        body.put("blob", "x".repeat(200_000));
        List<String> lines = new ExportFixture().epoch("e1").record(body, null).record(body, null).checkpoint()
                .lines();

        ExportVerifier fast = agreesWithParsingPath(lines);

        assertThat(fast.fastLines()).isEqualTo(2);
        assertThat(reference(bytes(lines, "\n")).exitCode()).isZero();
    }

    /** Byte mutations: flip bit 0, flip bit 7, space, drop, double, a lone UTF-8 lead byte, a quote. */
    private static byte[] mutate(byte[] original, int i, int mutation) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(original, 0, i);
        switch (mutation) {
            case 0 -> out.write(original[i] ^ 0x01);
            case 1 -> out.write(original[i] ^ 0x80);
            case 2 -> out.write(' ');
            case 3 -> { }
            case 4 -> {
                out.write(original[i]);
                out.write(original[i]);
            }
            case 5 -> out.write(0xc3);
            default -> out.write('"');
        }
        out.write(original, i + 1, original.length - i - 1);
        return out.toByteArray();
    }

    private static ExportVerifier agreesWithParsingPath(List<String> lines) {
        // The line(String) API (tests, AuditIT) with and without the fast path ...
        ExportVerifier slow = new ExportVerifier(Set.of(), false);
        lines.forEach(slow::line);
        ExportVerifier fast = new ExportVerifier(Set.of());
        lines.forEach(fast::line);
        String expected = print(slow.finish());
        assertThat(print(fast.finish())).as(String.join("\n", lines)).isEqualTo(expected);
        // ... and the byte stream the CLI reads.
        agreesWithParsingPath(bytes(lines, "\n"));
        return fast;
    }

    private static void agreesWithParsingPath(byte[] file) {
        String expected = print(reference(file));
        try {
            Report fast = ExportVerifier.verify(new ByteArrayInputStream(file), Set.of());
            assertThat(print(fast)).as(new String(file, StandardCharsets.UTF_8)).isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The verifier as it was: an InputStreamReader, readLine, every line parsed. */
    private static Report reference(byte[] file) {
        ExportVerifier verifier = new ExportVerifier(Set.of(), false);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(file),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                verifier.line(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return verifier.finish();
    }

    private static String print(Report report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(List<String> lines, String separator) {
        return (String.join(separator, lines) + separator).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] join(List<byte[]> lines, String separator) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.writeBytes(separator.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
