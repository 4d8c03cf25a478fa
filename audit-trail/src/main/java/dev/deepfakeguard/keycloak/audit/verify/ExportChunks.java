package dev.deepfakeguard.keycloak.audit.verify;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts an export into chunks of whole lines (about {@link #SIZE} bytes each; one line longer than that is a chunk of
 * its own), split into lines exactly as {@code BufferedReader.readLine} splits them: at {@code \n}, {@code \r} or
 * {@code \r\n}. A chunk ends right after a line terminator; when that is a {@code \r}, a {@code \n} that starts the
 * next chunk belongs to it. Only the chunks being read or verified are in memory, never the whole export.
 */
final class ExportChunks {

    static final int SIZE = 1 << 18;

    /** Whole lines in {@code bytes[0, length)}; {@code afterCr}: a leading {@code \n} ends no line. */
    record Chunk(byte[] bytes, int length, boolean afterCr) {

        /** The lines of this chunk, without terminators, each as {@code {offset, length}} handed to {@code line}. */
        void lines(LineConsumer line) {
            int pos = afterCr && length > 0 && bytes[0] == '\n' ? 1 : 0;
            while (pos < length) {
                int end = CanonicalJsonBytes.lineEnd(bytes, pos, length);
                if (end < 0) {
                    line.accept(bytes, pos, length - pos); // the export's last line, without terminator
                    return;
                }
                line.accept(bytes, pos, end - pos);
                pos = end + 1;
                if (bytes[end] == '\r' && pos < length && bytes[pos] == '\n') {
                    pos++;
                }
            }
        }
    }

    @FunctionalInterface
    interface LineConsumer {
        void accept(byte[] bytes, int offset, int length);
    }

    private final InputStream in;
    private final int size;
    private byte[] rest = new byte[0];
    private int restLength;
    private boolean afterCr;
    private boolean eof;

    /** @param size the bytes a chunk should hold (tests make it small, to cut lines at every place) */
    ExportChunks(InputStream in, int size) {
        this.in = in;
        this.size = size;
    }

    /** The next chunk, or null at the end of the export. */
    Chunk next() throws IOException {
        byte[] buffer = Arrays.copyOf(rest, Math.max(size, restLength * 2));
        int limit = restLength;
        restLength = 0;
        while (!eof) {
            if (limit == buffer.length) {
                int cut = lastTerminator(buffer, limit) + 1;
                if (cut > 0) {
                    return cut(buffer, cut, limit);
                }
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
        if (limit == 0) {
            return null;
        }
        Chunk last = new Chunk(buffer, limit, afterCr);
        afterCr = false;
        return last;
    }

    private Chunk cut(byte[] buffer, int cut, int limit) {
        Chunk chunk = new Chunk(buffer, cut, afterCr);
        afterCr = buffer[cut - 1] == '\r';
        rest = Arrays.copyOfRange(buffer, cut, limit);
        restLength = rest.length;
        return chunk;
    }

    private static int lastTerminator(byte[] b, int limit) {
        for (int i = limit - 1; i >= 0; i--) {
            if (b[i] == '\n' || b[i] == '\r') {
                return i;
            }
        }
        return -1;
    }
}
