package dev.deepfakeguard.keycloak.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as every part of the extension uses it: of bytes, or of a string's UTF-8, as raw bytes or lower-case hex.
 * (The JDK-only audit trail keeps its own, {@code audit.format.Digests}: it may not see this module.)
 */
public final class Sha256 {

    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {
    }

    public static byte[] digest(byte[] data) {
        return newDigest().digest(data);
    }

    public static byte[] digest(String text) {
        return digest(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String hex(byte[] data) {
        return HEX.formatHex(digest(data));
    }

    public static String hex(String text) {
        return HEX.formatHex(digest(text));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
