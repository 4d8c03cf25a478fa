package dev.deepfakeguard.keycloak.testing;

import dev.deepfakeguard.keycloak.challenge.ScreenColour;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Random;

/**
 * A crude head-and-shoulders scene lit by room light plus the screen. Reflected screen light is proportional to
 * the surface's albedo and its nearness: strong on the face, weak on the wall behind. Gaussian sensor noise and a
 * little head movement and exposure drift make each frame unique, as a real camera's would be.
 */
final class FaceScene {

    private static final double[] SKIN = {0.80, 0.60, 0.50};
    private static final double[] WALL = {0.45, 0.47, 0.52};
    private static final double[] HAIR = {0.20, 0.14, 0.10};
    private static final double AMBIENT = 0.55;
    private static final double FACE_REFLECTION = 0.22;
    private static final double WALL_REFLECTION = 0.05;
    private static final double NOISE_SIGMA = 3.0;

    private FaceScene() {
    }

    static BufferedImage render(ScreenColour screen, Random random) {
        int width = SyntheticFrames.WIDTH;
        int height = SyntheticFrames.HEIGHT;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        // Writing the raster's ints directly: setRGB per pixel would dominate the test suite's run time.
        int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        double centreX = width / 2.0 + random.nextInt(7) - 3;
        double centreY = height / 2.0 + 5 + random.nextInt(5) - 2;
        double exposure = 1 + (random.nextDouble() - 0.5) * 0.04;
        double[] pixel = new double[3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double fx = (x - centreX) / 72;
                double fy = (y - centreY) / 96;
                double faceRadius = fx * fx + fy * fy;
                double[] albedo;
                double reflection;
                if (faceRadius <= 1) {
                    albedo = fy < -0.7 ? HAIR : featureShade(fx, fy);
                    reflection = FACE_REFLECTION;
                } else {
                    albedo = WALL;
                    reflection = WALL_REFLECTION;
                }
                // Soft light fall-off from top-left: a smooth gradient the noise estimate must ignore.
                double falloff = 0.9 + 0.2 * (1 - (double) (x + y) / (width + height));
                for (int c = 0; c < 3; c++) {
                    double light = AMBIENT * falloff + reflection * screen.channel(c) / 255.0;
                    pixel[c] = 255 * albedo[c] * light * exposure + random.nextGaussian() * NOISE_SIGMA;
                }
                rgb[y * width + x] = (clamp(pixel[0]) << 16) | (clamp(pixel[1]) << 8) | clamp(pixel[2]);
            }
        }
        return image;
    }

    /** Eyes and mouth: darker patches inside the face. */
    private static double[] featureShade(double fx, double fy) {
        boolean eye = Math.abs(Math.abs(fx) - 0.38) < 0.14 && Math.abs(fy + 0.2) < 0.06;
        boolean mouth = Math.abs(fx) < 0.3 && Math.abs(fy - 0.45) < 0.05;
        if (eye || mouth) {
            return new double[] {SKIN[0] * 0.5, SKIN[1] * 0.45, SKIN[2] * 0.45};
        }
        return SKIN;
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }
}
