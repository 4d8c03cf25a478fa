package dev.deepfakeguard.keycloak.audit.verify;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads an export as bytes, split into lines exactly as {@code BufferedReader.readLine} splits them (at {@code \n},
 * {@code \r} or {@code \r\n}), offering each line's start to the fast path first so that a canonical record line is
 * found, scanned and checked in one pass.
 */
final class ExportBytes {

    private ExportBytes() {
    }

    static void read(InputStream export, ExportVerifier verifier) throws IOException {
        byte[] buffer = new byte[1 << 16];
        int start = 0; // first byte of the current line
        int pos = 0; // where to look for its end
        int limit = 0; // end of the bytes read
        boolean afterCr = false; // a \n right after a \r ends no further line
        while (true) {
            if (afterCr && pos < limit) {
                afterCr = false;
                if (buffer[pos] == '\n') {
                    start = ++pos;
                }
            }
            if (pos == start) {
                int recordLineEnd = verifier.fastRecordAt(buffer, start, limit);
                if (recordLineEnd >= 0) {
                    afterCr = buffer[recordLineEnd] == '\r';
                    start = recordLineEnd + 1;
                    pos = start;
                    continue;
                }
            }
            int lineEnd = CanonicalJsonBytes.lineEnd(buffer, pos, limit);
            if (lineEnd >= 0) {
                verifier.line(buffer, start, lineEnd - start);
                afterCr = buffer[lineEnd] == '\r';
                start = lineEnd + 1;
                pos = start;
                continue;
            }
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, limit - start);
                limit -= start;
                start = 0;
            }
            pos = limit;
            if (limit == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int n = export.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                break;
            }
            limit += n;
        }
        if (limit > start) {
            verifier.line(buffer, start, limit - start);
        }
    }
}
