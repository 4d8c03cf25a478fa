package dev.deepfakeguard.keycloak.scoring.embedded;

/**
 * What one pass over a decoded frame yields; the pixels themselves are not kept.
 *
 * @param red    mean red of the central box (the face area), 0–255
 * @param green  mean green of the central box, 0–255
 * @param blue   mean blue of the central box, 0–255
 * @param noise  mean absolute 2×2 second difference of green away from edges, in 8-bit levels: the sensor-noise
 *               floor (0 for rendered, noise-free content)
 */
record FrameStats(double red, double green, double blue, double noise) {

    /** Channel mean by index: 0 red, 1 green, 2 blue (same order as {@code ScreenColour.channel}). */
    double channel(int index) {
        return switch (index) {
            case 0 -> red;
            case 1 -> green;
            case 2 -> blue;
            default -> throw new IllegalArgumentException("channel " + index);
        };
    }
}
