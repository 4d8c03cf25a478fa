package dev.deepfakeguard.keycloak.audit.verify;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.deepfakeguard.keycloak.audit.format.CanonicalJson;
import dev.deepfakeguard.keycloak.audit.format.Fields;
import dev.deepfakeguard.keycloak.audit.format.Json;
import dev.deepfakeguard.keycloak.audit.format.ExportFormat;

/**
 * Recognises, in one pass over the raw bytes and without building any object, a {@code record} line exactly as
 * {@code ExportWriter} writes it:
 *
 * <pre>{"hash":"&lt;64 lower-case hex&gt;","kind":"record","personal":null|&lt;object&gt;,"record":&lt;object&gt;}</pre>
 *
 * <p>where both objects must already be in RFC 8785 form: no whitespace, members sorted strictly by name (which also
 * rules out duplicate names), the writer's string escapes and nothing else, well-formed UTF-8, integers only, no
 * {@code -0}, no leading zeros, magnitudes up to 2^53−1, nesting no deeper than the strict reader allows. For such
 * bytes {@code CanonicalJson.write(Json.parse(bytes))} is the very same byte sequence, so hashing the bytes as they
 * stand gives exactly the hash the parse → canonicalise → hash path computes. Anything else — a different member
 * order, an extra space, an escape the writer would not produce, a member missing, an identifier the verifier would
 * refuse — makes {@link #scan} return false, and the caller hands the line to the fully parsing path, which reports
 * it with its usual message.
 *
 * <p>It also notes where the few members the chain needs are: {@code node}, {@code epoch}, {@code seq},
 * {@code prevHash}, {@code realm}, {@code v} and {@code personalDigest} of the record. Not thread-safe; one per
 * verifier.
 */
final class RecordLineScanner {


    private static final byte[] PREFIX = ascii("{\"hash\":\"");
    private static final byte[] AFTER_HASH = ascii("\",\"kind\":\"record\",\"personal\":");
    private static final byte[] NULL = ascii("null");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] BEFORE_RECORD = ascii(",\"record\":");
    private static final int HASH_HEX = 64;

    private static final byte[] K_EPOCH = ascii("epoch");
    private static final byte[] K_NODE = ascii("node");
    private static final byte[] K_PERSONAL_DIGEST = ascii("personalDigest");
    private static final byte[] K_PREV_HASH = ascii("prevHash");
    private static final byte[] K_REALM = ascii("realm");
    private static final byte[] K_SEQ = ascii("seq");
    private static final byte[] K_VERSION = ascii("v");
    private static final byte[] K_TYPE = ascii("type");
    private static final byte[] NODE_HANDOVER = ascii(ExportFormat.TYPE_NODE_HANDOVER);

    /** What a scanned value was; strings also say whether they are plain ASCII without escapes. */
    private static final int NONE = 0;
    private static final int PLAIN_STRING = 1;
    private static final int OTHER_STRING = 2;
    private static final int INTEGER = 3;
    private static final int OTHER = 4;
    private static final int FAIL = -1;

    private static final boolean[] ID_BYTE = new boolean[128];

    /** Eight bytes at a time, for the scans over string contents and for line ends. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    static {
        for (char c : ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" + Fields.ID_PUNCTUATION)
                .toCharArray()) {
            ID_BYTE[c] = true;
        }
    }

    private byte[] b;
    private int pos;
    private int end;
    private long lastInteger;
    private int seqKind;
    private int digestKind;
    private int realmKind;
    private int versionKind;
    private int lastStringStart;
    private int lastStringEnd;

    // Results of the last successful scan (offsets into the scanned array).
    int hashAt;
    int personalStart;
    /** -1 when the personal part is JSON null. */
    int personalEnd;
    int recordStart;
    int recordEnd;
    int nodeStart;
    int nodeEnd;
    int epochStart;
    int epochEnd;
    int prevHashStart;
    int prevHashEnd;
    /** -1 when the record has no {@code personalDigest} member that is a string (a string needing no decoding). */
    int digestStart;
    int digestEnd;
    long seq;
    /** The record is a {@code node_handover}: the parsing path must read it. */
    boolean handOver;
    /** -1 when the record has no {@code realm} member (a record of no realm, or of format 1). */
    int realmStart;
    int realmEnd;
    /** The record's format ({@code v}); 1 when it has none. */
    long version;

    /**
     * @return true when {@code b[off, off + len)} is a record line of the exact exported shape with canonical record
     *     and personal part, plain-string {@code node}, {@code epoch} (both valid identifiers) and {@code prevHash},
     *     an integer {@code seq}, and a {@code personalDigest} that is absent, not a string, or a plain string
     */
    boolean scan(byte[] bytes, int off, int len) {
        return scan(bytes, off, off + len, false) == off + len;
    }

    /**
     * {@link #scan} for a line that starts at {@code off} and ends somewhere before {@code limit} with {@code \n} or
     * {@code \r}: a canonical record line holds neither byte (strings escape them, and there is no whitespace), so
     * the first one after it is its end and the line need not be searched for it first.
     *
     * @return the index of the line terminator, or -1 (not a record line this scanner takes, or not complete yet)
     */
    int scanTerminated(byte[] bytes, int off, int limit) {
        return scan(bytes, off, limit, true);
    }

    /** @return where the line ends: the end of the input, or (terminated) the terminator's index; -1 = no */
    private int scan(byte[] bytes, int off, int limit, boolean terminated) {
        b = bytes;
        pos = off;
        end = limit;
        if (!literal(PREFIX)) {
            return -1;
        }
        hashAt = pos;
        if (end - pos < HASH_HEX) {
            return -1;
        }
        for (int i = 0; i < HASH_HEX; i++) {
            if (hexValue(b[pos++]) < 0) {
                return -1;
            }
        }
        if (!literal(AFTER_HASH)) {
            return -1;
        }
        personalStart = pos;
        if (literal(NULL)) {
            personalEnd = -1;
        } else if (pos < end && b[pos] == '{') {
            if (object(1, false) == FAIL) {
                return -1;
            }
            personalEnd = pos;
        } else {
            return -1;
        }
        if (!literal(BEFORE_RECORD)) {
            return -1;
        }
        recordStart = pos;
        if (pos >= end || b[pos] != '{') {
            return -1;
        }
        nodeStart = -1;
        epochStart = -1;
        prevHashStart = -1;
        digestStart = -1;
        realmStart = -1;
        seqKind = NONE;
        digestKind = NONE;
        realmKind = NONE;
        versionKind = NONE;
        version = 1;
        handOver = false;
        if (object(1, true) == FAIL) {
            return -1;
        }
        recordEnd = pos;
        if (pos >= end || b[pos] != '}') {
            return -1;
        }
        int lineEnd = pos + 1;
        if (terminated ? lineEnd >= end || b[lineEnd] != '\n' && b[lineEnd] != '\r' : lineEnd != end) {
            return -1;
        }
        boolean chainMembers = nodeStart >= 0 && epochStart >= 0 && prevHashStart >= 0 && seqKind == INTEGER
                && isId(nodeStart, nodeEnd) && isId(epochStart, epochEnd) && digestKind != OTHER_STRING
                && (realmKind == NONE || realmKind == PLAIN_STRING) && (versionKind == NONE || versionKind == INTEGER);
        return chainMembers ? lineEnd : -1;
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

    private boolean isId(int from, int to) {
        int length = to - from;
        if (length < 1 || length > Fields.ID_MAX_LENGTH) {
            return false;
        }
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (c < 0 || !ID_BYTE[c]) {
                return false;
            }
        }
        return true;
    }

    private boolean literal(byte[] expected) {
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
                return object(depth, false);
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

    /** An object whose members are sorted strictly by name; {@code record} = note the chain's members. */
    private int object(int depth, boolean record) {
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
            if (record) {
                note(keyStart, keyEnd, kind, valueStart);
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

    private void note(int keyStart, int keyEnd, int kind, int valueStart) {
        if (is(keyStart, keyEnd, K_SEQ)) {
            seqKind = kind;
            seq = lastInteger;
        } else if (is(keyStart, keyEnd, K_NODE)) {
            if (kind == PLAIN_STRING) {
                nodeStart = lastStringStart;
                nodeEnd = lastStringEnd;
            }
        } else if (is(keyStart, keyEnd, K_EPOCH)) {
            if (kind == PLAIN_STRING) {
                epochStart = lastStringStart;
                epochEnd = lastStringEnd;
            }
        } else if (is(keyStart, keyEnd, K_PREV_HASH)) {
            if (kind == PLAIN_STRING) {
                prevHashStart = lastStringStart;
                prevHashEnd = lastStringEnd;
            }
        } else if (is(keyStart, keyEnd, K_REALM)) {
            realmKind = kind;
            if (kind == PLAIN_STRING) {
                realmStart = lastStringStart;
                realmEnd = lastStringEnd;
            }
        } else if (is(keyStart, keyEnd, K_VERSION)) {
            versionKind = kind;
            version = lastInteger;
        } else if (is(keyStart, keyEnd, K_TYPE)) {
            handOver = kind == PLAIN_STRING && is(lastStringStart, lastStringEnd, NODE_HANDOVER);
        } else if (is(keyStart, keyEnd, K_PERSONAL_DIGEST)) {
            digestKind = kind;
            if (kind == PLAIN_STRING) {
                digestStart = lastStringStart;
                digestEnd = lastStringEnd;
            }
        }
    }

    private boolean is(int from, int to, byte[] name) {
        if (to - from != name.length || b[from] != name[0]) {
            return false;
        }
        for (int i = 1; i < name.length; i++) {
            if (b[from + i] != name[i]) {
                return false;
            }
        }
        return true;
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
                if (!escape()) {
                    return FAIL;
                }
            } else if (c < 0) {
                if (!utf8Sequence()) {
                    return FAIL;
                }
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

    /** The writer's escapes only: \" \\ \b \f \n \r \t, and a u00xx escape (lower-case hex) for the other controls. */
    private boolean escape() {
        if (end - pos < 2) {
            return false;
        }
        byte e = b[pos + 1];
        switch (e) {
            case '"', '\\', 'b', 'f', 'n', 'r', 't' -> {
                pos += 2;
                return true;
            }
            case 'u' -> {
                if (end - pos < 6 || b[pos + 2] != '0' || b[pos + 3] != '0') {
                    return false;
                }
                int high = hexValue(b[pos + 4]);
                int low = hexValue(b[pos + 5]);
                if (high < 0 || low < 0) {
                    return false;
                }
                int c = high * 16 + low;
                if (c >= 0x20 || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                    return false;
                }
                pos += 6;
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** One well-formed UTF-8 sequence (no overlong forms, no surrogates, nothing above U+10FFFF). */
    private boolean utf8Sequence() {
        int lead = b[pos] & 0xff;
        int continuation;
        int min = 0x80;
        int max = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf) {
            continuation = 1;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            continuation = 2;
            if (lead == 0xe0) {
                min = 0xa0;
            } else if (lead == 0xed) {
                max = 0x9f;
            }
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            continuation = 3;
            if (lead == 0xf0) {
                min = 0x90;
            } else if (lead == 0xf4) {
                max = 0x8f;
            }
        } else {
            return false;
        }
        if (end - pos <= continuation) {
            return false;
        }
        int second = b[pos + 1] & 0xff;
        if (second < min || second > max) {
            return false;
        }
        for (int i = 2; i <= continuation; i++) {
            int c = b[pos + i] & 0xff;
            if (c < 0x80 || c > 0xbf) {
                return false;
            }
        }
        pos += continuation + 1;
        return true;
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

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
