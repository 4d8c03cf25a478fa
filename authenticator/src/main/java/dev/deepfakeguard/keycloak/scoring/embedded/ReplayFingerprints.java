package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.scoring.CapturedFrame;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The fingerprints by which a submission is recognised again: the SHA-256 of every frame (byte-for-byte resubmission,
 * also of a single frame mixed into new ones). Perceptual hashes are deliberately not used here: the same face in the
 * same room gives the same coarse thumbnails at the next genuine sign-in, which would deny a real person as a replay.
 * A re-encoded replay is defeated by the random colour script instead, which an old video cannot follow.
 */
final class ReplayFingerprints {

    private static final HexFormat HEX = HexFormat.of();

    private ReplayFingerprints() {
    }

    static List<String> of(List<CapturedFrame> frames) {
        List<String> fingerprints = new ArrayList<>(frames.size());
        for (CapturedFrame frame : frames) {
            fingerprints.add(HEX.formatHex(frame.sha256()));
        }
        return fingerprints;
    }
}
