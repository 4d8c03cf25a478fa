package dev.deepfakeguard.keycloak.it.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.LongStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The person's authenticator app: RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s) over the raw secret as Keycloak stores
 * it. Keycloak refuses a code that was used once already, and accepts the codes of the realm's look-ahead window of
 * periods, so the device hands out the current period's code, then those of the next periods in the window, and only
 * then waits for a new period.
 */
public final class OtpDevice {

    public static final int DIGITS = 6;
    public static final Duration PERIOD = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secret;
    private final int lookAhead;
    private final Set<Long> usedSteps = new HashSet<>();

    /** A device for a realm with the examples' look-ahead window of 1. */
    public OtpDevice(String secret) {
        this(secret, 1);
    }

    /** A device for a realm whose {@code otpPolicyLookAheadWindow} is {@code lookAhead}. */
    public OtpDevice(String secret, int lookAhead) {
        this.secret = secret;
        this.lookAhead = lookAhead;
    }

    public String secret() {
        return secret;
    }

    /** The credential as a realm import stores it for the user. */
    public ObjectNode credential() {
        ObjectNode credential = JSON.createObjectNode()
                .put("type", "otp")
                .put("userLabel", "it authenticator app")
                .put("secretData", JSON.createObjectNode().put("value", secret).toString())
                .put("credentialData", JSON.createObjectNode().put("subType", "totp").put("digits", DIGITS)
                        .put("counter", 0).put("period", PERIOD.toSeconds()).put("algorithm", "HmacSHA1")
                        .toString());
        return credential;
    }

    /** A code Keycloak accepts now and has not seen yet. */
    public synchronized String nextCode() {
        long step = currentStep();
        OptionalLong unused = LongStream.rangeClosed(step, step + lookAhead).filter(s -> !usedSteps.contains(s))
                .findFirst();
        if (unused.isEmpty()) {
            long nextPeriodMillis = (step + 1) * PERIOD.toMillis() - System.currentTimeMillis();
            Poll.pause(Duration.ofMillis(Math.max(0, nextPeriodMillis) + 100));
            return nextCode();
        }
        usedSteps.add(unused.getAsLong());
        return code(secret.getBytes(StandardCharsets.UTF_8), unused.getAsLong());
    }

    private static long currentStep() {
        return System.currentTimeMillis() / PERIOD.toMillis();
    }

    static String code(byte[] key, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            int modulus = (int) Math.pow(10, DIGITS);
            return String.format("%0" + DIGITS + "d", binary % modulus);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }
}
