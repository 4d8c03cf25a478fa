package dev.deepfakeguard.keycloak.events.audit.export;

import java.io.BufferedWriter;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.ws.rs.core.StreamingOutput;

import org.jboss.logging.Logger;

/**
 * An export written to a temporary file inside the request's transaction and streamed after it (the response body is
 * sent when the session is already closed). The file holds personal data, so no path may leave it behind: it is
 * deleted when writing fails, and otherwise unlinked as soon as it is open for reading — the open stream keeps the
 * content until the response is sent or abandoned, and the name is gone whether the body is sent, the client goes
 * away mid-way, or the response is never written at all. (Where the file system cannot unlink an open file, it is
 * deleted after streaming instead.)
 */
final class ExportSpool {

    private static final Logger LOG = Logger.getLogger(ExportSpool.class);

    /** Writes the export; may throw, and may be interrupted by the database. */
    @FunctionalInterface
    interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private final Path directory;

    /** @param directory where temporary files go; null = the JVM's temporary directory */
    ExportSpool(Path directory) {
        this.directory = directory;
    }

    StreamingOutput spool(Content content) {
        Path file = create();
        InputStream in;
        try {
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                content.writeTo(out);
            }
            in = new FileInputStream(file.toFile());
        } catch (IOException | RuntimeException e) {
            delete(file);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("audit export could not be written", io);
            }
            throw (RuntimeException) e;
        }
        boolean unlinked = delete(file);
        return output -> {
            try (InputStream source = in) {
                source.transferTo(output);
            } finally {
                if (!unlinked) {
                    delete(file);
                }
            }
        };
    }

    private Path create() {
        try {
            return directory == null ? Files.createTempFile("dfg-audit-export", ".jsonl")
                    : Files.createTempFile(directory, "dfg-audit-export", ".jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException("audit export could not be written", e);
        }
    }

    private static boolean delete(Path file) {
        try {
            Files.deleteIfExists(file);
            return true;
        } catch (IOException e) {
            LOG.debugf("temporary audit export %s not deleted yet: %s", file, e.toString());
            return false;
        }
    }
}
