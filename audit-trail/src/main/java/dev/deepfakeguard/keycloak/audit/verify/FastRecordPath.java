package dev.deepfakeguard.keycloak.audit.verify;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import dev.deepfakeguard.keycloak.audit.format.Digests;
import dev.deepfakeguard.keycloak.audit.format.RecordHash;

/**
 * A record line exactly as the exporter writes it, whose record and personal part are already in RFC 8785 form, is
 * checked without parsing: {@link RecordLineScanner} proves in one pass that the bytes are their own canonical form
 * and notes where seq, node, epoch, prevHash and personalDigest are, and this class hashes the bytes as they stand
 * (for canonical bytes that is exactly the hash of parse → canonicalise). Every other line — other kinds, a record
 * with seq 1 (its epoch_start members are read), a hand-over, and any record that is not byte-for-byte canonical or
 * not of the exported shape — is left to the parsing path, so every message stays what it was.
 *
 * <p>This is the part of a line's check that needs nothing but the line, so it runs on the verifier's worker
 * threads; {@link ExportVerifier#fastRecord} then places the {@link Checked} result in its chain, in line order. Not
 * thread-safe: one per thread.
 */
final class FastRecordPath {

    /** What a record's personal part and personalDigest say. */
    enum Personal { NONE, ERASED, NO_DIGEST, MISMATCH, MATCH }

    /** A record line checked on its own: everything the chain needs, and whether its hashes hold. */
    record Checked(String node, String epoch, long seq, long version, String hash, boolean hashMatches, String realm,
                   Personal personal, String prevHash) implements PreparedLine {
    }

    private final RecordLineScanner scanner = new RecordLineScanner();
    private final MessageDigest sha256;
    private final byte[] digest = new byte[32];
    private final byte[] digestHex = new byte[64];
    private CharsetEncoder strictUtf8;
    private byte[] encoded = new byte[0];
    /** One-entry cache of a realm's tag: records come in runs of one realm. */
    private byte[] lastRealmBytes;
    private byte[] lastRealmTag;

    FastRecordPath() {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
        }
    }

    /** One line without its terminator; null when the parsing path must read it. */
    Checked check(byte[] b, int offset, int length) {
        return scanner.scan(b, offset, length) ? scanned(b) : null;
    }

    Checked check(String text) {
        if (text.isEmpty() || text.charAt(0) != '{') {
            return null;
        }
        int length = encodeStrictly(text);
        return length < 0 ? null : check(encoded, 0, length);
    }

    /** After a successful {@link RecordLineScanner} scan of {@code b}. */
    private Checked scanned(byte[] b) {
        if (scanner.seq <= 1 || scanner.version < 1 || scanner.version > RecordHash.VERSION_REALM_BOUND
                || scanner.handOver) {
            return null;
        }
        long version = scanner.version;
        sha256(b, scanner.recordStart, scanner.recordEnd);
        if (version >= RecordHash.VERSION_REALM_BOUND) {
            sha256.update(digest);
            sha256(realmTag(b, scanner.realmStart, scanner.realmEnd), 0, 32);
        }
        String computed = Digests.hex(digest);
        boolean hashMatches = statedHashMatches(b, scanner.hashAt);
        boolean hasDigest = scanner.digestStart >= 0;
        boolean hasPersonal = scanner.personalEnd >= 0;
        Personal personal = Personal.NONE;
        if (hasDigest && !hasPersonal) {
            personal = Personal.ERASED;
        } else if (hasPersonal && !hasDigest) {
            personal = Personal.NO_DIGEST;
        } else if (hasPersonal) {
            sha256(b, scanner.personalStart, scanner.personalEnd);
            personal = digestHexEquals(b, scanner.digestStart, scanner.digestEnd) ? Personal.MATCH
                    : Personal.MISMATCH;
        }
        return new Checked(latin1(b, scanner.nodeStart, scanner.nodeEnd),
                latin1(b, scanner.epochStart, scanner.epochEnd), scanner.seq, version, computed, hashMatches,
                scanner.realmStart < 0 ? null : latin1(b, scanner.realmStart, scanner.realmEnd), personal,
                latin1(b, scanner.prevHashStart, scanner.prevHashEnd));
    }

    /** A plain ASCII string member (the scanner checked it needs no decoding). */
    private static String latin1(byte[] b, int start, int end) {
        return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** The realm tag of the plain ASCII realm id at {@code b[start, end)} (none when start is -1), cached. */
    private byte[] realmTag(byte[] b, int start, int end) {
        if (start < 0) {
            return RecordHash.realmTag(null);
        }
        if (lastRealmBytes == null || !Arrays.equals(b, start, end, lastRealmBytes, 0, lastRealmBytes.length)) {
            lastRealmBytes = Arrays.copyOfRange(b, start, end);
            lastRealmTag = RecordHash.realmTag(latin1(lastRealmBytes, 0, lastRealmBytes.length));
        }
        return lastRealmTag;
    }

    /** SHA-256 of what was fed so far and {@code b[from, to)} into {@link #digest}. */
    private void sha256(byte[] b, int from, int to) {
        sha256.update(b, from, to - from);
        try {
            sha256.digest(digest, 0, digest.length);
        } catch (DigestException e) {
            throw new IllegalStateException("a 32-byte buffer holds SHA-256", e);
        }
    }

    /** The stated hash (64 lower-case hex digits at {@code at}) against {@link #digest}, in constant time. */
    private boolean statedHashMatches(byte[] b, int at) {
        int difference = 0;
        for (int i = 0; i < digest.length; i++) {
            int stated = CanonicalJsonBytes.hexValue(b[at + 2 * i]) << 4 | CanonicalJsonBytes.hexValue(b[at + 2 * i + 1]);
            difference |= stated ^ (digest[i] & 0xff);
        }
        return difference == 0;
    }

    /**
     * {@code Digests.sameHash(personalDigest, hex(digest))} for a plain ASCII personalDigest at {@code b[from, to)}:
     * equal length and equal bytes, in constant time.
     */
    private boolean digestHexEquals(byte[] b, int from, int to) {
        if (to - from != digestHex.length) {
            return false;
        }
        Digests.hexInto(digest, digestHex);
        int difference = 0;
        for (int i = 0; i < digestHex.length; i++) {
            difference |= b[from + i] ^ digestHex[i];
        }
        return difference == 0;
    }

    /**
     * UTF-8 of {@code text} into {@link #encoded}, refusing unpaired surrogates (which {@code getBytes} would turn
     * into '?', bytes the parsing path never sees); -1 when refused.
     */
    private int encodeStrictly(String text) {
        if (strictUtf8 == null) {
            strictUtf8 = StandardCharsets.UTF_8.newEncoder();
        }
        long worst = text.length() * 3L;
        if (worst > Integer.MAX_VALUE - 8) {
            return -1;
        }
        if (encoded.length < worst) {
            encoded = new byte[(int) Math.max(worst, 1024)];
        }
        ByteBuffer out = ByteBuffer.wrap(encoded);
        strictUtf8.reset();
        CoderResult result = strictUtf8.encode(CharBuffer.wrap(text), out, true);
        if (!result.isUnderflow() || !strictUtf8.flush(out).isUnderflow()) {
            return -1;
        }
        return out.position();
    }
}
