package dev.deepfakeguard.keycloak.events.audit.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import jakarta.ws.rs.core.StreamingOutput;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export's temporary file (personal data inside) is gone after every way an export can end. */
class ExportSpoolTest {

    private static final String LINES = "{\"kind\":\"header\"}\n{\"kind\":\"end\"}\n";

    @TempDir
    Path dir;

    @Test
    void deliveredExportLeavesNoFile() throws IOException {
        StreamingOutput body = new ExportSpool(dir).spool(out -> out.write(LINES));
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        body.write(received);

        assertThat(received.toString(StandardCharsets.UTF_8)).isEqualTo(LINES);
        assertThat(files()).isZero();
    }

    @Test
    @DisplayName("Given the client goes away while the export streams, then the file is deleted")
    void abortedDownloadLeavesNoFile() throws IOException {
        StreamingOutput body = new ExportSpool(dir).spool(out -> out.write(LINES.repeat(10_000)));
        OutputStream hungUp = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };

        assertThatThrownBy(() -> body.write(hungUp)).isInstanceOf(IOException.class);
        assertThat(files()).isZero();
    }

    @Test
    @DisplayName("Given the export fails while it is written, then the file is deleted and the failure reported")
    void failedExportLeavesNoFile() {
        ExportSpool spool = new ExportSpool(dir);

        assertThatThrownBy(() -> spool.spool(out -> {
            out.write(LINES);
            throw new IllegalStateException("database went away");
        })).hasMessageContaining("database went away");
        assertThat(files()).isZero();
    }

    @Test
    @DisplayName("Given the response is never written (request cancelled before the body), then no file stays behind")
    void unsentExportLeavesNoFile() {
        new ExportSpool(dir).spool(out -> out.write(LINES));

        assertThat(files()).isZero();
    }

    private long files() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
