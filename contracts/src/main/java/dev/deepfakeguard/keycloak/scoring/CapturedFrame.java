package dev.deepfakeguard.keycloak.scoring;

import dev.deepfakeguard.keycloak.contract.Sha256;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Base64;

/**
 * One JPEG frame as submitted by the page, with its capture time relative to the start of the challenge script.
 * Immutable: the bytes are copied in and never handed out.
 */
public final class CapturedFrame {

    private final byte[] jpeg;
    private final long capturedAtMillis;

    private CapturedFrame(byte[] jpeg, long capturedAtMillis) {
        this.jpeg = jpeg;
        this.capturedAtMillis = capturedAtMillis;
    }

    /** @throws IllegalArgumentException when the bytes are empty or do not start like a JPEG */
    public static CapturedFrame of(byte[] jpeg, long capturedAtMillis) {
        if (jpeg == null || jpeg.length < 4 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8) {
            throw new IllegalArgumentException("frame is not a JPEG");
        }
        if (capturedAtMillis < 0) {
            throw new IllegalArgumentException("negative capture time");
        }
        return new CapturedFrame(jpeg.clone(), capturedAtMillis);
    }

    public long capturedAtMillis() {
        return capturedAtMillis;
    }

    public int size() {
        return jpeg.length;
    }

    public InputStream openStream() {
        return new ByteArrayInputStream(jpeg);
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(jpeg);
    }

    public byte[] sha256() {
        return Sha256.digest(jpeg);
    }

    @Override
    public String toString() {
        return "CapturedFrame[" + jpeg.length + " bytes at " + capturedAtMillis + " ms]";
    }
}
