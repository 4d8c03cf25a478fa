package dev.deepfakeguard.keycloak.testing;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * JPEGs an attacker would post instead of camera frames, built from the JDK's own encoder output so that image
 * decoders accept them. Shared by unit tests, integration tests and benchmarks through the test-jar.
 */
public final class HostileJpegs {

    /** The per-frame cap of the submission: a hostile frame is as large as it may be. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;

    private HostileJpegs() {
    }

    /**
     * A progressive 640×480 JPEG of a flat grey image whose last scan (a refinement of the luminance's AC
     * coefficients, a dozen bytes of entropy data for the whole image) is repeated until the frame is 64 KiB:
     * thousands of redundant scans. ImageIO renders the whole image after every scan of a progressive JPEG, so
     * this one frame costs seconds of CPU to decode.
     */
    public static byte[] progressiveManyScans() {
        JpegSegments progressive = JpegSegments.parse(encode(flatImage(640, 480), true, 0.75f));
        List<JpegSegments.Segment> segments = progressive.segments();
        JpegSegments.Segment last = segments.get(segments.size() - 1);
        if (last.marker() != JpegSegments.SOS) {
            throw new IllegalStateException("the encoder's progressive output ends with a scan");
        }
        JpegSegments hostile = progressive;
        int size = progressive.bytes().length;
        while (size + last.bytes().length <= MAX_FRAME_BYTES) {
            hostile = hostile.append(last);
            size += last.bytes().length;
        }
        return hostile.bytes();
    }

    /** How many scans {@link #progressiveManyScans()} holds. */
    public static long scans(byte[] jpeg) {
        return JpegSegments.parse(jpeg).segments().stream().filter(s -> s.marker() == JpegSegments.SOS).count();
    }

    /** A baseline JPEG of the given size, as the JDK writes it (SOF0, one interleaved scan). */
    public static byte[] baseline(int width, int height) {
        return encode(flatImage(width, height), false, 0.8f);
    }

    private static BufferedImage flatImage(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, 0x808080);
            }
        }
        return image;
    }

    /** The JDK's JPEG encoding of {@code image}: baseline, or progressive with libjpeg's default scan script. */
    public static byte[] encode(BufferedImage image, boolean progressive, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
