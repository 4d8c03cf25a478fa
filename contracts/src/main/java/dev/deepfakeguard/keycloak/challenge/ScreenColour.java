package dev.deepfakeguard.keycloak.challenge;

import java.util.Locale;

/** One screen colour of a challenge script, sRGB 0–255 per channel. */
public record ScreenColour(int red, int green, int blue) {

    public ScreenColour {
        requireChannel(red);
        requireChannel(green);
        requireChannel(blue);
    }

    public static ScreenColour parseHex(String hex) {
        if (hex == null || !hex.matches("#[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("not a #rrggbb colour");
        }
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return new ScreenColour((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
    }

    public String hex() {
        return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
    }

    /** Channel value by index: 0 red, 1 green, 2 blue. */
    public int channel(int index) {
        return switch (index) {
            case 0 -> red;
            case 1 -> green;
            case 2 -> blue;
            default -> throw new IllegalArgumentException("channel " + index);
        };
    }

    private static void requireChannel(int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("colour channel out of range: " + value);
        }
    }
}
