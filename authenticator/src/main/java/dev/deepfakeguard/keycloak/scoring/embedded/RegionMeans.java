package dev.deepfakeguard.keycloak.scoring.embedded;

import java.util.Optional;

/**
 * Mean colours of the two regions the light check compares: the skin inside the face box, and the background beside
 * and above the head. The face region is the box's middle (cheeks, nose, forehead below the hairline), where the
 * screen's light falls on skin; the background region leaves a margin of a quarter face width beside the box for hair
 * and ears, and stops at the chin so that the shoulders (as near to the screen as the face) do not count.
 */
final class RegionMeans {

    /** Fewer background samples than this measure nothing reliable; the light check then has no background. */
    static final int MIN_BACKGROUND_SAMPLES = 200;
    private static final double HAIR_MARGIN = 0.25;
    private static final int STEP = 2;

    private RegionMeans() {
    }

    static Optional<Rgb> face(Pixels pixels, Face face) {
        int width = pixels.width();
        int height = pixels.height();
        int left = clamp(face.left() + 0.2 * face.width(), width);
        int right = clamp(face.right() - 0.2 * face.width(), width);
        int top = clamp(face.top() + 0.25 * face.height(), height);
        int bottom = clamp(face.bottom() - 0.15 * face.height(), height);
        Sum sum = new Sum();
        for (int y = top; y < bottom; y += STEP) {
            for (int x = left; x < right; x += STEP) {
                sum.add(pixels, x, y);
            }
        }
        return sum.count == 0 ? Optional.empty() : Optional.of(sum.mean());
    }

    static Optional<Rgb> background(Pixels pixels, Face face) {
        int width = pixels.width();
        int height = pixels.height();
        int innerLeft = clamp(face.left() - HAIR_MARGIN * face.width(), width);
        int innerRight = clamp(face.right() + HAIR_MARGIN * face.width(), width);
        int bottom = clamp(face.bottom(), height);
        Sum sum = new Sum();
        for (int y = 0; y < bottom; y += STEP) {
            for (int x = 0; x < innerLeft; x += STEP) {
                sum.add(pixels, x, y);
            }
            for (int x = innerRight; x < width; x += STEP) {
                sum.add(pixels, x, y);
            }
        }
        return sum.count < MIN_BACKGROUND_SAMPLES ? Optional.empty() : Optional.of(sum.mean());
    }

    private static int clamp(double fraction, int size) {
        return (int) Math.max(0, Math.min(size, Math.round(fraction * size)));
    }

    private static final class Sum {
        private long red;
        private long green;
        private long blue;
        private int count;

        void add(Pixels pixels, int x, int y) {
            byte[] data = pixels.data();
            int p = pixels.offset(x, y);
            red += data[p + pixels.red()] & 0xff;
            green += data[p + pixels.green()] & 0xff;
            blue += data[p + pixels.blue()] & 0xff;
            count++;
        }

        Rgb mean() {
            return new Rgb((double) red / count, (double) green / count, (double) blue / count);
        }
    }
}
