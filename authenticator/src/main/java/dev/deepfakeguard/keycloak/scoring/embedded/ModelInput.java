package dev.deepfakeguard.keycloak.scoring.embedded;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The face detector's input: the whole frame letterboxed into a square (black bars above and below a landscape
 * frame, so that nothing at the edges, e.g. a second face, is cropped away) and scaled to {@value #SIZE}×{@value
 * #SIZE}, RGB in [−1, 1], laid out as [1, 128, 128, 3]. Each input pixel averages a 2×2 block of the frame, which keeps
 * the downscale from aliasing at the cost of a few thousand byte reads.
 */
final class ModelInput {

    static final int SIZE = 128;
    static final int LENGTH = SIZE * SIZE * 3;
    private static final float BLACK = -1f;

    private ModelInput() {
    }

    /** Where the frame sits inside the square input, to map detections back to frame fractions. */
    record Letterbox(int width, int height, int side) {

        double frameX(double squareX) {
            return (squareX * side - (side - width) / 2.0) / width;
        }

        double frameY(double squareY) {
            return (squareY * side - (side - height) / 2.0) / height;
        }

        /** A length along x in the square, as a fraction of the frame's width. */
        double frameWidth(double squareLength) {
            return squareLength * side / width;
        }

        double frameHeight(double squareLength) {
            return squareLength * side / height;
        }
    }

    static Letterbox letterbox(int width, int height) {
        return new Letterbox(width, height, Math.max(width, height));
    }

    /** A direct buffer for one analyzer: ONNX Runtime reads it in place, without a copy per inference. */
    static FloatBuffer allocate() {
        return ByteBuffer.allocateDirect(LENGTH * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /**
     * Fills {@code scratch} (plain array writes are several times faster than a direct buffer's), then copies it to
     * {@code out} in one bulk put.
     */
    static void fill(Pixels pixels, float[] scratch, FloatBuffer out) {
        if (out.capacity() != LENGTH || scratch.length != LENGTH) {
            throw new IllegalArgumentException("input buffers must hold " + LENGTH + " floats");
        }
        fill(pixels, scratch);
        out.put(0, scratch);
    }

    private static void fill(Pixels pixels, float[] out) {
        int width = pixels.width();
        int height = pixels.height();
        Letterbox box = letterbox(width, height);
        double scale = (double) box.side() / SIZE;
        double padX = (box.side() - width) / 2.0;
        double padY = (box.side() - height) / 2.0;
        byte[] data = pixels.data();
        int stride = pixels.pixelStride();
        int scanline = pixels.scanline();
        int i = 0;
        for (int my = 0; my < SIZE; my++) {
            double sy = (my + 0.5) * scale - padY;
            int y0 = (int) Math.floor(sy - 0.5);
            boolean rowInside = sy >= 0 && sy < height;
            int ya = clamp(y0, height);
            int yb = clamp(y0 + 1, height);
            for (int mx = 0; mx < SIZE; mx++) {
                double sx = (mx + 0.5) * scale - padX;
                if (!rowInside || sx < 0 || sx >= width) {
                    out[i++] = BLACK;
                    out[i++] = BLACK;
                    out[i++] = BLACK;
                    continue;
                }
                int x0 = (int) Math.floor(sx - 0.5);
                int xa = clamp(x0, width);
                int xb = clamp(x0 + 1, width);
                int p00 = pixels.offset(xa, ya);
                int p01 = p00 + (xb - xa) * stride;
                int p10 = p00 + (yb - ya) * scanline;
                int p11 = p10 + (xb - xa) * stride;
                out[i++] = scaled(data, p00, p01, p10, p11, pixels.red());
                out[i++] = scaled(data, p00, p01, p10, p11, pixels.green());
                out[i++] = scaled(data, p00, p01, p10, p11, pixels.blue());
            }
        }
    }

    private static float scaled(byte[] data, int p00, int p01, int p10, int p11, int channel) {
        int sum = (data[p00 + channel] & 0xff) + (data[p01 + channel] & 0xff) + (data[p10 + channel] & 0xff)
                + (data[p11 + channel] & 0xff);
        return sum / 510f - 1f;
    }

    private static int clamp(int value, int limit) {
        return Math.max(0, Math.min(limit - 1, value));
    }
}
