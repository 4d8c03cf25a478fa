package dev.deepfakeguard.keycloak.scoring.embedded;

import java.util.List;

/**
 * Combines independent pieces of evidence of manipulation with a noisy-or: each piece alone yields its own score,
 * several together more than the strongest one, never more than 10000.
 */
final class SyntheticScore {

    /** A reflection that fails completely adds this much: a recorded video fails it, but so does a bad camera. */
    static final int REFLECTION_WEIGHT = 3_000;

    private static final double FULL = 10_000;

    private SyntheticScore() {
    }

    static int combine(int reflectionLiveness, List<InjectionSignals.Finding> findings) {
        double genuine = 1 - REFLECTION_WEIGHT * (FULL - reflectionLiveness) / (FULL * FULL);
        for (InjectionSignals.Finding finding : findings) {
            genuine *= 1 - finding.syntheticBasisPoints() / FULL;
        }
        return (int) Math.round(FULL * (1 - genuine));
    }
}
