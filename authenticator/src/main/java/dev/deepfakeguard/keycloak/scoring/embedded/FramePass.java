package dev.deepfakeguard.keycloak.scoring.embedded;

/**
 * The sensor-noise pass over a decoded frame. It walks 2×2 blocks on a subsampled grid (every block column, every
 * other block row): a median-free noise floor over thousands of samples loses nothing measurable by skipping rows, and
 * the pass stays a small fraction of the JPEG decode.
 */
final class FramePass {

    static final int MIN_WIDTH = 18;
    static final int MIN_HEIGHT = 16;

    /** Vertical distance between sampled 2×2 blocks; horizontally every block is taken. */
    private static final int ROW_STEP = 4;
    /** Second differences at least this large are edges of the scene, not sensor noise. */
    private static final int EDGE = 24;

    private FramePass() {
    }

    /** Mean absolute 2×2 second difference of green away from edges, in 8-bit levels. */
    static double noise(Pixels pixels) {
        byte[] data = pixels.data();
        int green = pixels.green();
        int stride = pixels.pixelStride();
        int scanline = pixels.scanline();
        long noiseSum = 0;
        int noiseCount = 0;
        for (int y = 0; y + 1 < pixels.height(); y += ROW_STEP) {
            int row = pixels.offset(0, y) + green;
            for (int x = 0; x + 1 < pixels.width(); x += 2) {
                int p = row + x * stride;
                // 2×2 second difference: cancels flat areas and linear gradients, leaves noise (and edges).
                int residual = Math.abs((data[p] & 0xff) - (data[p + stride] & 0xff) - (data[p + scanline] & 0xff)
                        + (data[p + scanline + stride] & 0xff));
                if (residual < EDGE) {
                    noiseSum += residual;
                    noiseCount++;
                }
            }
        }
        return noiseCount == 0 ? 0 : (double) noiseSum / noiseCount;
    }
}
