package dev.deepfakeguard.keycloak.events.lockout.alert;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * {@code X-Deepfake-Guard-Signature: t=<epoch seconds>,v2=<hex HMAC-SHA256(secret, t + "." + delivery id + "." +
 * body)>}. The timestamp is signed, so a receiver can refuse old deliveries replayed at it; the delivery id
 * ({@code X-Deepfake-Guard-Delivery}) is signed, so a replay cannot slip past the receiver's de-duplication under a
 * new id. ({@code v1} signed only time and body.)
 */
final class WebhookSignature {

    public static final String HEADER = "X-Deepfake-Guard-Signature";
    private static final String SCHEME = "v2";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    public static String header(byte[] secret, long epochSeconds, String deliveryId, String body) {
        return "t=" + epochSeconds + "," + SCHEME + "=" + HexFormat.of().formatHex(mac(secret, epochSeconds,
                deliveryId, body));
    }

    /** Constant-time check of a header against the delivery id and body, as a receiver does it. */
    public static boolean verify(byte[] secret, String header, String deliveryId, String body) {
        String timestamp = null;
        String signature = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                timestamp = part.substring(2);
            } else if (part.startsWith(SCHEME + "=")) {
                signature = part.substring(SCHEME.length() + 1);
            }
        }
        if (timestamp == null || signature == null || deliveryId == null) {
            return false;
        }
        try {
            byte[] expected = mac(secret, Long.parseLong(timestamp), deliveryId, body);
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] mac(byte[] secret, long epochSeconds, String deliveryId, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal((epochSeconds + "." + deliveryId + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
