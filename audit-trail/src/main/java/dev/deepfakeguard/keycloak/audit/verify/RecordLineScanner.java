package dev.deepfakeguard.keycloak.audit.verify;

import static dev.deepfakeguard.keycloak.audit.verify.CanonicalJsonBytes.ascii;

import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.audit.format.Fields;

/**
 * Recognises, in one pass over the raw bytes and without building any object, a {@code record} line exactly as
 * {@code ExportWriter} writes it:
 *
 * <pre>{"hash":"&lt;64 lower-case hex&gt;","kind":"record","personal":null|&lt;object&gt;,"record":&lt;object&gt;}</pre>
 *
 * <p>where both objects must already be in RFC 8785 form, as {@link CanonicalJsonBytes} checks it: for such bytes
 * {@code CanonicalJson.write(Json.parse(bytes))} is the very same byte sequence, so hashing the bytes as they
 * stand gives exactly the hash the parse → canonicalise → hash path computes. Anything else — a different member
 * order, an extra space, an escape the writer would not produce, a member missing, an identifier the verifier would
 * refuse — makes {@link #scan} return false, and the caller hands the line to the fully parsing path, which reports
 * it with its usual message.
 *
 * <p>It also notes where the few members the chain needs are: {@code node}, {@code epoch}, {@code seq},
 * {@code prevHash}, {@code realm}, {@code v} and {@code personalDigest} of the record. Not thread-safe; one per
 * thread.
 */
final class RecordLineScanner implements CanonicalJsonBytes.Members {

    private static final byte[] PREFIX = ascii("{\"hash\":\"");
    private static final byte[] AFTER_HASH = ascii("\",\"kind\":\"record\",\"personal\":");
    private static final byte[] NULL = ascii("null");
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

    private static final int NONE = CanonicalJsonBytes.NONE;
    private static final int PLAIN_STRING = CanonicalJsonBytes.PLAIN_STRING;
    private static final int OTHER_STRING = CanonicalJsonBytes.OTHER_STRING;
    private static final int INTEGER = CanonicalJsonBytes.INTEGER;
    private static final int FAIL = CanonicalJsonBytes.FAIL;

    private static final boolean[] ID_BYTE = new boolean[128];

    static {
        for (char c : ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" + Fields.ID_PUNCTUATION)
                .toCharArray()) {
            ID_BYTE[c] = true;
        }
    }

    private final CanonicalJsonBytes json = new CanonicalJsonBytes();
    private int seqKind;
    private int digestKind;
    private int realmKind;
    private int versionKind;

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
        json.at(bytes, off, off + len);
        if (!json.literal(PREFIX)) {
            return false;
        }
        hashAt = json.pos;
        if (json.end - json.pos < HASH_HEX) {
            return false;
        }
        for (int i = 0; i < HASH_HEX; i++) {
            if (CanonicalJsonBytes.hexValue(json.b[json.pos++]) < 0) {
                return false;
            }
        }
        if (!json.literal(AFTER_HASH)) {
            return false;
        }
        personalStart = json.pos;
        if (json.literal(NULL)) {
            personalEnd = -1;
        } else if (json.pos < json.end && json.b[json.pos] == '{') {
            if (json.object(1, null) == FAIL) {
                return false;
            }
            personalEnd = json.pos;
        } else {
            return false;
        }
        if (!json.literal(BEFORE_RECORD)) {
            return false;
        }
        recordStart = json.pos;
        if (json.pos >= json.end || json.b[json.pos] != '{') {
            return false;
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
        if (json.object(1, this) == FAIL) {
            return false;
        }
        recordEnd = json.pos;
        if (json.pos >= json.end || json.b[json.pos] != '}') {
            return false;
        }
        if (json.pos + 1 != json.end) {
            return false;
        }
        return nodeStart >= 0 && epochStart >= 0 && prevHashStart >= 0 && seqKind == INTEGER
                && isId(nodeStart, nodeEnd) && isId(epochStart, epochEnd) && digestKind != OTHER_STRING
                && (realmKind == NONE || realmKind == PLAIN_STRING) && (versionKind == NONE || versionKind == INTEGER);
    }

    private boolean isId(int from, int to) {
        int length = to - from;
        if (length < 1 || length > Fields.ID_MAX_LENGTH) {
            return false;
        }
        for (int i = from; i < to; i++) {
            int c = json.b[i];
            if (c < 0 || !ID_BYTE[c]) {
                return false;
            }
        }
        return true;
    }

    /** Notes where the members the chain needs are, as the record object is read. */
    @Override
    public void member(int keyStart, int keyEnd, int kind, int valueStart) {
        if (is(keyStart, keyEnd, K_SEQ)) {
            seqKind = kind;
            seq = json.lastInteger;
        } else if (is(keyStart, keyEnd, K_NODE)) {
            if (kind == PLAIN_STRING) {
                nodeStart = json.lastStringStart;
                nodeEnd = json.lastStringEnd;
            }
        } else if (is(keyStart, keyEnd, K_EPOCH)) {
            if (kind == PLAIN_STRING) {
                epochStart = json.lastStringStart;
                epochEnd = json.lastStringEnd;
            }
        } else if (is(keyStart, keyEnd, K_PREV_HASH)) {
            if (kind == PLAIN_STRING) {
                prevHashStart = json.lastStringStart;
                prevHashEnd = json.lastStringEnd;
            }
        } else if (is(keyStart, keyEnd, K_REALM)) {
            realmKind = kind;
            if (kind == PLAIN_STRING) {
                realmStart = json.lastStringStart;
                realmEnd = json.lastStringEnd;
            }
        } else if (is(keyStart, keyEnd, K_VERSION)) {
            versionKind = kind;
            version = json.lastInteger;
        } else if (is(keyStart, keyEnd, K_TYPE)) {
            handOver = kind == PLAIN_STRING && is(json.lastStringStart, json.lastStringEnd, NODE_HANDOVER);
        } else if (is(keyStart, keyEnd, K_PERSONAL_DIGEST)) {
            digestKind = kind;
            if (kind == PLAIN_STRING) {
                digestStart = json.lastStringStart;
                digestEnd = json.lastStringEnd;
            }
        }
    }

    private boolean is(int from, int to, byte[] name) {
        if (to - from != name.length || json.b[from] != name[0]) {
            return false;
        }
        for (int i = 1; i < name.length; i++) {
            if (json.b[from + i] != name[i]) {
                return false;
            }
        }
        return true;
    }
}
