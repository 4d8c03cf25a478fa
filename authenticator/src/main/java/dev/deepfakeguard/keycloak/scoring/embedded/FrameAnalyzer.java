package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.scoring.CapturedFrame;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;

/**
 * Decodes one JPEG exactly once and measures it in a single pass over the raster's bytes. Anything that is not a
 * JPEG of the expected size comes back empty; nothing here throws for hostile input.
 */
final class FrameAnalyzer {

    private final int width;
    private final int height;

    FrameAnalyzer(int width, int height) {
        if (width < FramePass.MIN_WIDTH || height < FramePass.MIN_HEIGHT) {
            throw new IllegalArgumentException("frame size too small: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
    }

    Optional<FrameStats> analyze(CapturedFrame frame) {
        return decode(frame).map(FrameAnalyzer::measure);
    }

    private Optional<BufferedImage> decode(CapturedFrame frame) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            return Optional.empty();
        }
        ImageReader reader = readers.next();
        // A memory cache, not ImageIO's default temp-file cache: frames are small and must never touch the disk.
        try (ImageInputStream in = new MemoryCacheImageInputStream(frame.openStream())) {
            reader.setInput(in, true, true);
            // Size comes from the header, checked before any pixel is decoded: no decompression bombs.
            if (reader.getWidth(0) != width || reader.getHeight(0) != height) {
                return Optional.empty();
            }
            return Optional.of(reader.read(0));
        } catch (IOException | RuntimeException e) {
            // Malformed media is the submitter's problem, reported as undecodable_media, not a server fault.
            return Optional.empty();
        } finally {
            reader.dispose();
        }
    }

    private static FrameStats measure(BufferedImage image) {
        Raster raster = image.getRaster();
        if (raster.getDataBuffer() instanceof DataBufferByte bytes
                && raster.getSampleModel() instanceof PixelInterleavedSampleModel model
                && bytes.getNumBanks() == 1) {
            return FramePass.measure(bytes.getData(), bytes.getOffset(), model,
                    raster.getSampleModelTranslateX(), raster.getSampleModelTranslateY(),
                    raster.getWidth(), raster.getHeight());
        }
        // Unusual layouts (e.g. Adobe JPEGs decoded to packed ints) are converted once to the common layout.
        BufferedImage bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(image, 0, 0, null);
        return measure(bgr);
    }
}
