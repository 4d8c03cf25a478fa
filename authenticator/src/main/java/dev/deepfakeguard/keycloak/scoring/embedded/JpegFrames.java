package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.scoring.CapturedFrame;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;

/** Decodes a submitted frame of an expected size; anything else comes back empty, nothing throws. */
final class JpegFrames {

    private JpegFrames() {
    }

    static Optional<BufferedImage> decode(CapturedFrame frame, int width, int height) {
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
}
