package dev.deepfakeguard.keycloak.scoring.embedded;

import java.awt.image.PixelInterleavedSampleModel;

/**
 * The single pass over a decoded 8-bit interleaved raster. It reads the bytes directly (no per-pixel
 * {@code getRGB}, which costs more than the decode itself) and walks 2×2 blocks on a subsampled grid: every block
 * column, every other block row. Means over thousands of samples and a median-free noise floor lose nothing
 * measurable by skipping rows, and the pass stays a small fraction of the JPEG decode.
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

    static FrameStats measure(byte[] data, int bufferOffset, PixelInterleavedSampleModel model, int translateX,
                              int translateY, int width, int height) {
        int pixelStride = model.getPixelStride();
        int scanline = model.getScanlineStride();
        int[] bands = model.getBandOffsets();
        // Grey JPEGs have one band: read it as red, green and blue alike.
        int redOffset = bands[0];
        int greenOffset = bands.length >= 3 ? bands[1] : bands[0];
        int blueOffset = bands.length >= 3 ? bands[2] : bands[0];
        int origin = bufferOffset - translateY * scanline - translateX * pixelStride;

        int boxLeft = width / 4;
        int boxRight = width - width / 4;
        int boxTop = height / 4;
        int boxBottom = height - height / 4;
        long sumRed = 0;
        long sumGreen = 0;
        long sumBlue = 0;
        int boxCount = 0;
        long noiseSum = 0;
        int noiseCount = 0;

        for (int y = 0; y + 1 < height; y += ROW_STEP) {
            int row = origin + y * scanline;
            boolean inBoxRow = y >= boxTop && y < boxBottom;
            for (int x = 0; x + 1 < width; x += 2) {
                int p = row + x * pixelStride;
                int red = data[p + redOffset] & 0xff;
                int green = data[p + greenOffset] & 0xff;
                int blue = data[p + blueOffset] & 0xff;
                int right = data[p + pixelStride + greenOffset] & 0xff;
                int below = data[p + scanline + greenOffset] & 0xff;
                int diagonal = data[p + scanline + pixelStride + greenOffset] & 0xff;
                // 2×2 second difference: cancels flat areas and linear gradients, leaves noise (and edges).
                int residual = Math.abs(green - right - below + diagonal);
                if (residual < EDGE) {
                    noiseSum += residual;
                    noiseCount++;
                }
                if (inBoxRow && x >= boxLeft && x < boxRight) {
                    sumRed += red;
                    sumGreen += green;
                    sumBlue += blue;
                    boxCount++;
                }
            }
        }
        double box = Math.max(1, boxCount);
        double noise = noiseCount == 0 ? 0 : (double) noiseSum / noiseCount;
        return new FrameStats(sumRed / box, sumGreen / box, sumBlue / box, noise);
    }
}
