package dev.deepfakeguard.keycloak.it.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The person's authenticator app: RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s) over the raw secret as Keycloak stores
 * it. Keycloak refuses a code that was used once already, and accepts the codes of the neighbouring periods, so the
 * device hands out the current period's code, then the next one's, and only then waits for a new period.
 */
public final class OtpDevice {

    public static final int DIGITS = 6;
    public static final Duration PERIOD = Duration.ofSeconds(30);

    private final String secret;
    private final Set<Long> usedSteps = new HashSet<>();

    public OtpDevice(String secret) {
        this.secret = secret;
    }

    public String secret() {
        return secret;
    }

    /** A code Keycloak accepts now and has not seen yet. */
    public synchronized String nextCode() {
        long step = currentStep();
        if (usedSteps.contains(step) && usedSteps.contains(step + 1)) {
            long nextPeriodMillis = (step + 1) * PERIOD.toMillis() - System.currentTimeMillis();
            Poll.pause(Duration.ofMillis(Math.max(0, nextPeriodMillis) + 100));
            step = currentStep();
        }
        long chosen = usedSteps.contains(step) ? step + 1 : step;
        usedSteps.add(chosen);
        return code(secret.getBytes(StandardCharsets.UTF_8), chosen);
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
