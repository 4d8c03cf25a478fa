package dev.deepfakeguard.keycloak.scoring.embedded;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;

/**
 * Direct read access to a decoded 8-bit interleaved raster: the passes read bytes, never {@code getRGB} (which costs
 * more than the decode itself). Grey JPEGs have one band, read as red, green and blue alike.
 */
record Pixels(byte[] data, int origin, int pixelStride, int scanline, int red, int green, int blue, int width,
              int height) {

    static Pixels of(BufferedImage image) {
        Raster raster = image.getRaster();
        if (raster.getDataBuffer() instanceof DataBufferByte bytes
                && raster.getSampleModel() instanceof PixelInterleavedSampleModel model
                && bytes.getNumBanks() == 1) {
            int pixelStride = model.getPixelStride();
            int scanline = model.getScanlineStride();
            int[] bands = model.getBandOffsets();
            int origin = bytes.getOffset() - raster.getSampleModelTranslateY() * scanline
                    - raster.getSampleModelTranslateX() * pixelStride;
            return new Pixels(bytes.getData(), origin, pixelStride, scanline, bands[0],
                    bands.length >= 3 ? bands[1] : bands[0], bands.length >= 3 ? bands[2] : bands[0],
                    raster.getWidth(), raster.getHeight());
        }
        // Unusual layouts (e.g. Adobe JPEGs decoded to packed ints) are converted once to the common layout.
        BufferedImage bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(image, 0, 0, null);
        return of(bgr);
    }

    /** Byte offset of the pixel at (x, y); add {@link #red()} etc. for a channel. */
    int offset(int x, int y) {
        return origin + y * scanline + x * pixelStride;
    }
}
