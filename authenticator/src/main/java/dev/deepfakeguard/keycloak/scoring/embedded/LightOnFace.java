package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.challenge.ScreenColour;

import java.util.List;

/**
 * Is the screen's light on the face, or on the picture? Light from a screen falls off with the square of the
 * distance: a face half an arm's length away receives several times more of it than a wall a metre behind, relative
 * to what each already reflects of the room light. A colour tint laid over the whole frame (the cheapest way to make
 * a forged or replayed video "follow" the script) changes face and background by the same relative amount.
 *
 * <p>For each region the change that follows the script is measured as a gain: the least-squares slope of the
 * region's chroma changes on the script's chroma changes, divided by the region's mean brightness (so that a dark
 * wall and pale skin compare fairly: reflected light is proportional to albedo). The background's gain is compared
 * with the face's. On real scenes it is a small fraction (or negative, when automatic white balance pulls the whole
 * frame back); a tint gives about 1.
 */
final class LightOnFace {

    /** Background gain at or above this fraction of the face's gain is a tint, not light. */
    static final double TINT_RATIO = 0.6;
    /** Face gains below this are too weak to compare (the drawn test faces measure 0.0013, a tint the same). */
    static final double MIN_FACE_GAIN = 0.0002;

    /** @param ratio background gain divided by face gain; NaN when it could not be measured */
    record Light(double faceGain, double backgroundGain, double ratio) {

        boolean isTint() {
            return !Double.isNaN(ratio) && ratio >= TINT_RATIO;
        }
    }

    private LightOnFace() {
    }

    static Light measure(List<Rgb> face, List<Rgb> background, List<ScreenColour> colours) {
        double[][] expected = ReflectionCorrelation.expectedChroma(colours);
        double faceGain = gain(face, expected);
        double backgroundGain = gain(background, expected);
        double ratio = faceGain < MIN_FACE_GAIN ? Double.NaN : backgroundGain / faceGain;
        return new Light(faceGain, backgroundGain, ratio);
    }

    private static double gain(List<Rgb> region, double[][] expected) {
        double energy = ReflectionCorrelation.dot(expected, expected);
        double brightness = region.stream().mapToDouble(Rgb::grey).average().orElse(0);
        if (energy == 0 || brightness < 1) {
            return 0;
        }
        return ReflectionCorrelation.dot(ReflectionCorrelation.observedChroma(region), expected) / energy / brightness;
    }
}
