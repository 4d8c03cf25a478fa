package dev.deepfakeguard.keycloak.audit.verify;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.deepfakeguard.keycloak.audit.format.CanonicalJson;
import dev.deepfakeguard.keycloak.audit.format.Json;

/**
 * A cursor over raw bytes that accepts a JSON value only when it is already in RFC 8785 form as
 * {@code CanonicalJson} writes it: no whitespace, members sorted strictly by name (which also rules out duplicate
 * names), the writer's string escapes and nothing else, well-formed UTF-8, integers only, no {@code -0}, no leading
 * zeros, magnitudes up to 2^53−1, nesting no deeper than the strict reader allows. For such bytes
 * {@code CanonicalJson.write(Json.parse(bytes))} is the very same byte sequence. Not thread-safe.
 */
final class CanonicalJsonBytes {

    /** Told each member of an object as it is read: its name at {@code b[keyStart, keyEnd)} and its value's kind. */
    interface Members {
        void member(int keyStart, int keyEnd, int kind, int valueStart);
    }

    /** What a scanned value was; strings also say whether they are plain ASCII without escapes. */
    static final int NONE = 0;
    static final int PLAIN_STRING = 1;
    static final int OTHER_STRING = 2;
    static final int INTEGER = 3;
    static final int OTHER = 4;
    static final int FAIL = -1;

    private static final byte[] NULL = ascii("null");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    /** Eight bytes at a time, for the scans over string contents and for line ends. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    byte[] b;
    int pos;
    int end;
    /** The last integer read, and where the last plain string's content was. */
    long lastInteger;
    int lastStringStart;
    int lastStringEnd;

    void at(byte[] bytes, int from, int limit) {
        b = bytes;
        pos = from;
        end = limit;
    }

    /** Lower-case hex digit value, or -1. */
    static int hexValue(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    boolean literal(byte[] expected) {
        int n = expected.length;
        if (end - pos < n || !Arrays.equals(b, pos, pos + n, expected, 0, n)) {
            return false;
        }
        pos += n;
        return true;
    }

    private int value(int depth) {
        if (depth > Json.MAX_DEPTH || pos >= end) {
            return FAIL;
        }
        switch (b[pos]) {
            case '{':
                return object(depth, null);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal(TRUE) ? OTHER : FAIL;
            case 'f':
                return literal(FALSE) ? OTHER : FAIL;
            case 'n':
                return literal(NULL) ? OTHER : FAIL;
            default:
                return integer();
        }
    }

    /** An object whose members are sorted strictly by name; each is told to {@code members} unless it is null. */
    int object(int depth, Members members) {
        if (depth > Json.MAX_DEPTH) {
            return FAIL;
        }
        pos++;
        if (pos < end && b[pos] == '}') {
            pos++;
            return OTHER;
        }
        int previousKeyStart = -1;
        int previousKeyEnd = -1;
        while (true) {
            if (pos >= end || b[pos] != '"') {
                return FAIL;
            }
            int keyStart = ++pos;
            while (pos < end) {
                byte c = b[pos];
                if (c == '"') {
                    break;
                }
                // Plain printable ASCII names only: their byte order is their UTF-16 order.
                if (c < 0x20 || c == '\\') {
                    return FAIL;
                }
                pos++;
            }
            if (pos >= end) {
                return FAIL;
            }
            int keyEnd = pos++;
            if (previousKeyStart >= 0 && !ascending(previousKeyStart, previousKeyEnd, keyStart, keyEnd)) {
                return FAIL;
            }
            previousKeyStart = keyStart;
            previousKeyEnd = keyEnd;
            if (pos >= end || b[pos] != ':') {
                return FAIL;
            }
            pos++;
            int valueStart = pos;
            int kind = value(depth + 1);
            if (kind == FAIL) {
                return FAIL;
            }
            if (members != null) {
                members.member(keyStart, keyEnd, kind, valueStart);
            }
            if (pos >= end) {
                return FAIL;
            }
            byte next = b[pos++];
            if (next == '}') {
                return OTHER;
            }
            if (next != ',') {
                return FAIL;
            }
        }
    }

    /** Whether name {@code b[s1, e1)} sorts strictly before {@code b[s2, e2)} (short ASCII names: a plain loop). */
    private boolean ascending(int s1, int e1, int s2, int e2) {
        int common = Math.min(e1 - s1, e2 - s2);
        for (int i = 0; i < common; i++) {
            int difference = b[s1 + i] - b[s2 + i];
            if (difference != 0) {
                return difference < 0;
            }
        }
        return e1 - s1 < e2 - s2;
    }

    private int array(int depth) {
        pos++;
        if (pos < end && b[pos] == ']') {
            pos++;
            return OTHER;
        }
        while (true) {
            if (value(depth + 1) == FAIL || pos >= end) {
                return FAIL;
            }
            byte next = b[pos++];
            if (next == ']') {
                return OTHER;
            }
            if (next != ',') {
                return FAIL;
            }
        }
    }

    /** A string exactly as CanonicalJson writes it, in well-formed UTF-8. */
    private int string() {
        int start = ++pos;
        boolean plain = true;
        while (true) {
            // Skip printable ASCII eight bytes at a time up to the first quote, backslash, control or non-ASCII byte.
            while (end - pos >= Long.BYTES) {
                long special = stringSpecial((long) LONGS.get(b, pos));
                if (special != 0) {
                    pos += Long.numberOfTrailingZeros(special) >>> 3;
                    break;
                }
                pos += Long.BYTES;
            }
            if (pos >= end) {
                return FAIL;
            }
            int c = b[pos];
            if (c == '"') {
                lastStringStart = start;
                lastStringEnd = pos++;
                return plain ? PLAIN_STRING : OTHER_STRING;
            }
            if (c >= 0x20 && c != '\\') {
                pos++;
                continue;
            }
            plain = false;
            if (c == '\\') {
                int length = CanonicalStrings.escape(b, pos, end);
                if (length == 0) {
                    return FAIL;
                }
                pos += length;
            } else if (c < 0) {
                int length = CanonicalStrings.utf8Sequence(b, pos, end);
                if (length == 0) {
                    return FAIL;
                }
                pos += length;
            } else {
                return FAIL; // raw control character
            }
        }
    }

    /**
     * High bit set in the lowest byte of {@code x} (little-endian) that is a quote, a backslash, below 0x20 or above
     * 0x7f, if any (bytes above the first such byte may be flagged too; only the lowest is used). The classic
     * "has a zero byte / has a byte less than n" tricks: a borrow only starts at a byte that matches.
     */
    private static long stringSpecial(long x) {
        long quote = x ^ 0x2222222222222222L;
        long backslash = x ^ 0x5c5c5c5c5c5c5c5cL;
        return ((quote - ONES) & ~quote | (backslash - ONES) & ~backslash | (x - 0x2020202020202020L) & ~x | x)
                & HIGH_BITS;
    }

    /** Index of the first {@code \n} or {@code \r} in {@code bytes[from, to)}, or -1. */
    static int lineEnd(byte[] bytes, int from, int to) {
        int i = from;
        while (to - i >= Long.BYTES) {
            long x = (long) LONGS.get(bytes, i);
            long lf = x ^ 0x0a0a0a0a0a0a0a0aL;
            long cr = x ^ 0x0d0d0d0d0d0d0d0dL;
            long found = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += Long.BYTES;
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** An integer as CanonicalJson writes it: no leading zero, no -0, at most 2^53−1 in magnitude. */
    private int integer() {
        boolean negative = b[pos] == '-';
        if (negative) {
            pos++;
        }
        int digitsAt = pos;
        long value = 0;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            if (pos - digitsAt >= 16) {
                return FAIL; // 17 digits and more are beyond 2^53−1
            }
            value = value * 10 + (b[pos++] - '0');
        }
        int digits = pos - digitsAt;
        if (digits == 0 || (b[digitsAt] == '0' && (digits > 1 || negative))
                || value > CanonicalJson.MAX_SAFE_INTEGER) {
            return FAIL;
        }
        lastInteger = negative ? -value : value;
        return INTEGER;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
