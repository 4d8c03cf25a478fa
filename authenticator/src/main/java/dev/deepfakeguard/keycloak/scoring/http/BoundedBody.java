package dev.deepfakeguard.keycloak.scoring.http;

import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

import java.io.IOException;

/**
 * Reads a response body with a hard cap, so that a hostile or broken scorer cannot make Keycloak buffer an unbounded
 * answer. The cap holds whether or not the server announced a length, and for chunked bodies.
 */
final class BoundedBody {

    private static final long SEGMENT = 8_192;

    private BoundedBody() {
    }

    /** @throws ScorerFault {@code scorer_response_too_large} when the body is longer than {@code maxBytes} */
    static byte[] read(ResponseBody body, int maxBytes) throws IOException, ScorerFault {
        long announced = body.contentLength();
        if (announced > maxBytes) {
            // Rejected unread: closing the response drops the connection instead of draining it.
            throw tooLarge("announced " + announced + " bytes");
        }
        BufferedSource source = body.source();
        Buffer buffer = new Buffer();
        // Read at most maxBytes + 1: one byte past the cap is enough to know the body is too large.
        long limit = (long) maxBytes + 1;
        while (buffer.size() < limit) {
            long read = source.read(buffer, Math.min(SEGMENT, limit - buffer.size()));
            if (read == -1) {
                return buffer.readByteArray();
            }
        }
        buffer.clear();
        throw tooLarge("more than " + maxBytes + " bytes");
    }

    private static ScorerFault tooLarge(String detail) {
        return new ScorerFault(HttpReasonCodes.RESPONSE_TOO_LARGE, "response body too large: " + detail);
    }
}
