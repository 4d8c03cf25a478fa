package dev.deepfakeguard.keycloak.helpdesk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The short code the caller reads back to the agent. Only its hash, bound to the request id, is stored, so a code
 * shown for one request is worthless for another; comparison is constant-time.
 */
public final class VerificationCode {

    public static final int DIGITS = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private VerificationCode() {
    }

    public static String generate() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    public static String hash(String requestId, String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((requestId + ":" + code).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether {@code entered} (spaces and dashes ignored) is the code whose hash is {@code storedHash}. */
    public static boolean matches(String requestId, String storedHash, String entered) {
        if (storedHash == null || entered == null) {
            return false;
        }
        String digits = entered.replace(" ", "").replace("-", "");
        if (digits.length() != DIGITS || !digits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return MessageDigest.isEqual(storedHash.getBytes(StandardCharsets.US_ASCII),
                hash(requestId, digits).getBytes(StandardCharsets.US_ASCII));
    }
}
