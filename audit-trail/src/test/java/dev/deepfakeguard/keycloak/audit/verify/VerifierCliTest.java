package dev.deepfakeguard.keycloak.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifierCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final VerifierCli cli = new VerifierCli(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void printsCountsAndExitsZeroForAValidExport(@TempDir Path dir) throws IOException {
        ExportFixture fixture = new ExportFixture();
        Path export = Files.write(dir.resolve("audit.jsonl"), fixture.epoch("e1").logins(3).checkpoint().lines());
        Path trust = Files.writeString(dir.resolve("trusted-keys.txt"), "# audit key\n" + fixture.key.keyId() + "\n");

        int exit = cli.run("--trust", trust.toString(), export.toString());

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("4/4 records valid", "1/1 checkpoints valid",
                "Export VALID (exit 0)");
    }

    @Test
    void saysSoWhenTheFileIsMissing(@TempDir Path dir) {
        int exit = cli.run(dir.resolve("nothing.jsonl").toString());

        assertThat(exit).isEqualTo(Report.INCOMPLETE);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("cannot read " + dir.resolve("nothing.jsonl")
                + ": no such file" + System.lineSeparator());
    }

    @Test
    void reportsBinaryGarbageByLineWithoutAStackTrace(@TempDir Path dir) throws IOException {
        Path export = Files.write(dir.resolve("garbage.jsonl"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, '\n'});

        int exit = cli.run(export.toString());

        assertThat(exit).isEqualTo(Report.INVALID);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("INVALID: line 1: not valid JSON");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void oneThreadPrintsWhatAllCoresPrint(@TempDir Path dir) throws IOException {
        java.util.List<String> lines = new ExportFixture().epoch("e1").logins(3).checkpoint().node("node-b", "e2")
                .logins(4).checkpoint().lines();
        lines.remove(4);
        Path export = Files.write(dir.resolve("audit.jsonl"), lines);

        int exit = cli.run("--threads", "1", export.toString());
        String oneThread = out.toString(StandardCharsets.UTF_8);
        out.reset();
        int exitAllCores = cli.run(export.toString(), "--threads", "4");

        assertThat(exit).isEqualTo(Report.INVALID).isEqualTo(exitAllCores);
        assertThat(oneThread).contains("gap").isEqualTo(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void refusesAThreadCountThatIsNotOneOrMore(@TempDir Path dir) throws IOException {
        Path export = Files.write(dir.resolve("audit.jsonl"), new ExportFixture().epoch("e1").lines());

        for (String threads : new String[] {"0", "-2", "two", "1025", "99999999999"}) {
            err.reset();
            assertThat(cli.run("--threads", threads, export.toString())).isEqualTo(Report.INCOMPLETE);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("--threads takes a number from 1 to 1024")
                    .contains("usage:");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void printsUsageForUnknownOptions() {
        assertThat(cli.run("--frobnicate")).isEqualTo(Report.INCOMPLETE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("usage:");
    }
}
