package dev.deepfakeguard.keycloak.audit.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Command line of the verifier: arguments, file access and messages; the checking is {@link ExportVerifier}. */
public final class VerifierCli {

    static final String USAGE = "usage: java -jar deepfake-guard-audit-verifier.jar [--trust KEY_ID_FILE] [--threads N] "
            + "EXPORT.jsonl";
    /** More threads than this is a typo, not a machine. */
    static final int MAX_THREADS = 1024;

    private final PrintStream out;
    private final PrintStream err;

    public VerifierCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** @return the exit code: 0 valid, 1 invalid, 2 incomplete or not checkable */
    public int run(String... args) {
        Path export = null;
        Path trust = null;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            if ("--trust".equals(args[i]) && i + 1 < args.length) {
                trust = Path.of(args[++i]);
            } else if ("--threads".equals(args[i]) && i + 1 < args.length) {
                threads = threads(args[++i]);
                if (threads < 1) {
                    err.println("--threads takes a number from 1 to " + MAX_THREADS);
                    err.println(USAGE);
                    return Report.INCOMPLETE;
                }
            } else if (args[i].startsWith("-") || export != null) {
                err.println(USAGE);
                return Report.INCOMPLETE;
            } else {
                export = Path.of(args[i]);
            }
        }
        if (export == null) {
            err.println(USAGE);
            return Report.INCOMPLETE;
        }
        Set<String> pinned;
        try {
            pinned = trust == null ? Set.of() : readKeyIds(trust);
        } catch (IOException e) {
            err.println("cannot read the trusted key ids " + trust + ": " + describe(e));
            return Report.INCOMPLETE;
        }
        // Read as bytes: canonical record lines are hashed as they stand; any other line is decoded with U+FFFD for
        // undecodable bytes instead of an exception, so a flipped byte is reported with its line (as a hash
        // mismatch) rather than as an unreadable file.
        try (InputStream in = Files.newInputStream(export)) {
            out.println("Verifying " + export + (pinned.isEmpty()
                    ? " (keys trusted from the export's manifest; pin them with --trust)"
                    : " against " + pinned.size() + " trusted key(s)"));
            Report report = ExportVerifier.verify(in, pinned, threads);
            report.print(out);
            return report.exitCode();
        } catch (IOException e) {
            err.println("cannot read " + export + ": " + describe(e));
            return Report.INCOMPLETE;
        }
    }

    /** @return the thread count, or 0 when {@code value} is not a number from 1 to {@link #MAX_THREADS} */
    private static int threads(String value) {
        try {
            int threads = Integer.parseInt(value);
            return threads >= 1 && threads <= MAX_THREADS ? threads : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Set<String> readKeyIds(Path file) throws IOException {
        Set<String> ids = new HashSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String id = line.strip();
            if (!id.isEmpty() && !id.startsWith("#")) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
