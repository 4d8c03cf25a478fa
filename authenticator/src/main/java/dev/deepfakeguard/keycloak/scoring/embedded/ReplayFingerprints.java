package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.scoring.CapturedFrame;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The fingerprints by which a submission is recognised again: the SHA-256 of every frame (byte-for-byte resubmission,
 * also of a single frame mixed into new ones) and the SHA-256 of the sequence of the frames' difference hashes (the
 * same pictures again after a lossless re-wrap or a re-encode that leaves the thumbnails unchanged).
 */
final class ReplayFingerprints {

    private static final HexFormat HEX = HexFormat.of();

    private ReplayFingerprints() {
    }

    static List<String> of(List<CapturedFrame> frames, List<FrameStats> stats) {
        List<String> fingerprints = new ArrayList<>(frames.size() + 1);
        for (CapturedFrame frame : frames) {
            fingerprints.add(HEX.formatHex(frame.sha256()));
        }
        ByteBuffer hashes = ByteBuffer.allocate(Long.BYTES * stats.size());
        stats.forEach(frame -> hashes.putLong(frame.dHash()));
        fingerprints.add(HEX.formatHex(sha256(hashes.array())));
        return fingerprints;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
