package dev.deepfakeguard.keycloak.scoring.embedded;

/** Mean colour of a region, 0–255 per channel. */
record Rgb(double red, double green, double blue) {

    /** Channel by index: 0 red, 1 green, 2 blue (same order as {@code ScreenColour.channel}). */
    double channel(int index) {
        return switch (index) {
            case 0 -> red;
            case 1 -> green;
            case 2 -> blue;
            default -> throw new IllegalArgumentException("channel " + index);
        };
    }

    double grey() {
        return (red + green + blue) / 3;
    }
}
