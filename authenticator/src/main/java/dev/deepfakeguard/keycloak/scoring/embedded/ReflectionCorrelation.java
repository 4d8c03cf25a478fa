package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.challenge.ScreenColour;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;

import java.util.List;

/**
 * Does the face's colour follow the screen's colour script? Compares the chroma of the skin inside each frame's face
 * box with the chroma of the colour shown during that step.
 *
 * <p>Both sides lose their per-frame grey level (brightness changes say nothing about the colour of the light) and
 * their per-channel mean over time (skin tone and the camera's colour cast are constant, only the changes carry the
 * reflection). What remains are two 3×N vectors; their Pearson correlation is near 1 when the face reflects the
 * script and scattered around 0 when the video was recorded under another script or none.
 */
final class ReflectionCorrelation {

    /** Correlation at or below which the frames earn nothing. A wrong script scatters around 0 (σ ≈ 0.25 for 8 steps). */
    static final double NO_MATCH = 0.2;
    /** Correlation at or above which the frames earn the full score. Live synthetic faces measure 0.95–0.99. */
    static final double FULL_MATCH = 0.9;
    /** RMS chroma change (8-bit levels) below which the frames show no reflection at all: flat frames prove nothing. */
    static final double MIN_AMPLITUDE = 1.0;
    /** RMS chroma change from which the amplitude no longer limits the score. */
    static final double FULL_AMPLITUDE = 3.0;

    private static final int CHANNELS = 3;

    /**
     * @param correlation Pearson correlation of observed and expected chroma changes, −1…1
     * @param amplitude   RMS of the observed chroma changes in 8-bit levels
     */
    record Reflection(double correlation, double amplitude) {

        /** Liveness in basis points: linear in correlation between the two anchors, damped by weak amplitude. */
        int livenessBasisPoints() {
            double match = clamp((correlation - NO_MATCH) / (FULL_MATCH - NO_MATCH));
            double strength = clamp((amplitude - MIN_AMPLITUDE) / (FULL_AMPLITUDE - MIN_AMPLITUDE));
            return (int) Math.round(10_000 * match * strength);
        }

        String reasonCode() {
            if (amplitude < MIN_AMPLITUDE) {
                return ReasonCodes.NO_REFLECTION;
            }
            return livenessBasisPoints() >= 5_000 ? ReasonCodes.LIVE_REFLECTION : ReasonCodes.REFLECTION_MISMATCH;
        }
    }

    private ReflectionCorrelation() {
    }

    static Reflection measure(List<Rgb> frames, List<ScreenColour> colours) {
        if (frames.size() != colours.size() || frames.size() < 2) {
            throw new IllegalArgumentException("one frame per colour needed");
        }
        double[][] observed = observedChroma(frames);
        double[][] expected = expectedChroma(colours);
        double dot = dot(observed, expected);
        double observedEnergy = dot(observed, observed);
        double expectedEnergy = dot(expected, expected);
        double correlation = observedEnergy == 0 || expectedEnergy == 0
                ? 0 : dot / Math.sqrt(observedEnergy * expectedEnergy);
        return new Reflection(correlation, Math.sqrt(observedEnergy / (CHANNELS * frames.size())));
    }

    /** Per channel and step: the colour minus its grey level, minus the channel's mean over the steps. */
    static double[][] observedChroma(List<Rgb> frames) {
        double[][] chroma = new double[CHANNELS][frames.size()];
        for (int t = 0; t < frames.size(); t++) {
            Rgb frame = frames.get(t);
            for (int c = 0; c < CHANNELS; c++) {
                chroma[c][t] = frame.channel(c) - frame.grey();
            }
        }
        for (double[] channel : chroma) {
            centre(channel);
        }
        return chroma;
    }

    /** The same for the screen colours of the script. */
    static double[][] expectedChroma(List<ScreenColour> colours) {
        double[][] chroma = new double[CHANNELS][colours.size()];
        for (int t = 0; t < colours.size(); t++) {
            ScreenColour colour = colours.get(t);
            double grey = (colour.red() + colour.green() + colour.blue()) / (double) CHANNELS;
            for (int c = 0; c < CHANNELS; c++) {
                chroma[c][t] = colour.channel(c) - grey;
            }
        }
        for (double[] channel : chroma) {
            centre(channel);
        }
        return chroma;
    }

    static double dot(double[][] a, double[][] b) {
        double sum = 0;
        for (int c = 0; c < a.length; c++) {
            for (int t = 0; t < a[c].length; t++) {
                sum += a[c][t] * b[c][t];
            }
        }
        return sum;
    }

    private static void centre(double[] values) {
        double mean = 0;
        for (double value : values) {
            mean += value;
        }
        mean /= values.length;
        for (int i = 0; i < values.length; i++) {
            values[i] -= mean;
        }
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }
}
