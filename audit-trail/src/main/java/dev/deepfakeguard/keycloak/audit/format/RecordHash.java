package dev.deepfakeguard.keycloak.audit.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The hash that chains a record of format 2: SHA-256 over the record's content hash (SHA-256 of its RFC 8785 form)
 * followed by its realm tag. The realm id is inside the content too, so it cannot be changed without breaking the
 * hash; the two-level form lets an export show another realm's record as just {@code content} and {@code realm}
 * (the tag) — enough to recompute the hash and to prove that the record is not of the exported realm, without
 * revealing anything else about it.
 *
 * <p>Format 1 records are chained by the content hash alone and carry no realm.
 */
public final class RecordHash {

    /** The record format that binds the realm. */
    public static final long VERSION_REALM_BOUND = 2;
    /** Tag of a record that belongs to no realm (epoch_start, key_rotation, capture_failure). */
    public static final String NO_REALM = "0".repeat(64);

    private static final byte[] TAG_PREFIX = "deepfake-guard-audit/realm:".getBytes(StandardCharsets.UTF_8);

    private RecordHash() {
    }

    /** SHA-256 of {@code "deepfake-guard-audit/realm:" + realmId}, or 32 zero bytes for no realm. */
    public static byte[] realmTag(String realmId) {
        if (realmId == null) {
            return new byte[32];
        }
        MessageDigest sha256 = Digests.sha256();
        sha256.update(TAG_PREFIX);
        return sha256.digest(realmId.getBytes(StandardCharsets.UTF_8));
    }

    public static String realmTagHex(String realmId) {
        return Digests.hex(realmTag(realmId));
    }

    /** The chain hash (hex) of a format 2 record from its content hash and realm tag (32 bytes each). */
    public static String chained(byte[] contentHash, byte[] realmTag) {
        MessageDigest sha256 = Digests.sha256();
        sha256.update(contentHash);
        return Digests.hex(sha256.digest(realmTag));
    }

    /** Hex digits to bytes; IllegalArgumentException unless {@code hex} is a 64-digit lower-case hash. */
    public static byte[] bytes(String hex) {
        if (!Digests.isHash(hex)) {
            throw new IllegalArgumentException("not a 64-digit lower-case hex hash");
        }
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            out[i] = (byte) (Character.digit(hex.charAt(2 * i), 16) << 4 | Character.digit(hex.charAt(2 * i + 1), 16));
        }
        return out;
    }
}
