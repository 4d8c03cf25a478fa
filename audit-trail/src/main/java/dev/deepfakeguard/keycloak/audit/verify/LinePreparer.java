package dev.deepfakeguard.keycloak.audit.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepares the lines of a chunk: the fast path's check where it applies, else the line parsed ({@link ParsedLine}).
 * One per thread: the fast path's scanner and digest are not thread-safe.
 */
final class LinePreparer {

    private final FastRecordPath fastPath;

    /** @param fastPath false = parse every line (the reference the fast path is measured and tested against) */
    LinePreparer(boolean fastPath) {
        this.fastPath = fastPath ? new FastRecordPath() : null;
    }

    List<PreparedLine> prepare(ExportChunks.Chunk chunk) {
        List<PreparedLine> lines = new ArrayList<>();
        chunk.lines((b, offset, length) -> {
            FastRecordPath.Checked checked = fastPath == null ? null : fastPath.check(b, offset, length);
            lines.add(checked != null ? checked : ParsedLine.of(new String(b, offset, length, StandardCharsets.UTF_8)));
        });
        return lines;
    }
}
