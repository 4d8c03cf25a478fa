package dev.deepfakeguard.keycloak.face.match.onnx;

import dev.deepfakeguard.keycloak.scoring.embedded.LocatedFace;

import java.awt.image.BufferedImage;

/**
 * Cuts the face out of a frame into the embedding model's input: a similarity transform maps BlazeFace's keypoints
 * onto the usual five-point template of 112×112 recognition models (eyes, nose tip, mouth corners), scaled to the
 * model's input size. BlazeFace gives the mouth centre rather than its corners, so the mouth corners' midpoint stands
 * in for them: four point pairs, which fix rotation, scale and position as well as five. Bilinear sampling; outside
 * the frame is black. Output: NCHW floats, (value − mean) / scale.
 */
final class FaceAlignment {

    /** Right eye, left eye (as seen in the picture: left, right), nose tip, mouth centre; for a 112×112 crop. */
    private static final double[] TEMPLATE_112 = {
        38.2946, 51.6963,
        73.5318, 51.5014,
        56.0252, 71.7366,
        56.1396, 92.2848,
    };

    private FaceAlignment() {
    }

    static float[] align(LocatedFace face, EmbeddingSettings settings) {
        int size = settings.inputSize();
        double[] target = new double[TEMPLATE_112.length];
        for (int i = 0; i < target.length; i++) {
            target[i] = TEMPLATE_112[i] * size / 112.0;
        }
        SimilarityTransform back = SimilarityTransform.fit(face.points(), target).inverse();
        BufferedImage image = face.image();
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        float[] out = new float[3 * size * size];
        int plane = size * size;
        int first = settings.bgr() ? 0 : 16;
        int third = settings.bgr() ? 16 : 0;
        float mean = settings.pixelMean();
        float scale = settings.pixelScale();
        for (int v = 0; v < size; v++) {
            for (int u = 0; u < size; u++) {
                double sx = back.x(u, v);
                double sy = back.y(u, v);
                int i = v * size + u;
                out[i] = (sample(rgb, width, height, sx, sy, first) - mean) / scale;
                out[plane + i] = (sample(rgb, width, height, sx, sy, 8) - mean) / scale;
                out[2 * plane + i] = (sample(rgb, width, height, sx, sy, third) - mean) / scale;
            }
        }
        return out;
    }

    private static float sample(int[] rgb, int width, int height, double x, double y, int shift) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double top = channel(rgb, width, height, x0, y0, shift) * (1 - fx)
                + channel(rgb, width, height, x0 + 1, y0, shift) * fx;
        double bottom = channel(rgb, width, height, x0, y0 + 1, shift) * (1 - fx)
                + channel(rgb, width, height, x0 + 1, y0 + 1, shift) * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }

    private static int channel(int[] rgb, int width, int height, int x, int y, int shift) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return 0;
        }
        return (rgb[y * width + x] >> shift) & 0xff;
    }
}
