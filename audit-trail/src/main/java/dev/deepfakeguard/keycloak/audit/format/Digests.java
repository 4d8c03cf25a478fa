package dev.deepfakeguard.keycloak.audit.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 in lower-case hex, the only digest of the audit format. */
public final class Digests {

    /** The {@code prevHash} of the first record of a chain. */
    public static final String GENESIS = "0".repeat(64);

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private Digests() {
    }

    public static String sha256Hex(byte[] data) {
        return hex(sha256().digest(data));
    }

    /** Hash of a JSON value: SHA-256 over its RFC 8785 form in UTF-8. */
    public static String canonicalHash(Object jsonValue) {
        return hex(sha256().digest(CanonicalJson.write(jsonValue).getBytes(StandardCharsets.UTF_8)));
    }

    /** Constant-time comparison of two hex digests, so no timing reveals how much of a forged hash was right. */
    public static boolean sameHash(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    public static boolean isHash(String value) {
        if (value == null || value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    public static String hex(byte[] bytes) {
        byte[] out = new byte[bytes.length * 2];
        hexInto(bytes, out);
        return new String(out, StandardCharsets.US_ASCII);
    }

    /** Lower-case hex of {@code bytes} as ASCII into {@code out} (twice as long), for callers that must not allocate. */
    public static void hexInto(byte[] bytes, byte[] out) {
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
        }
    }
}
