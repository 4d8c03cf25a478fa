package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.scoring.CapturedFrame;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Decodes one JPEG exactly once, measures its noise, finds the faces in it and, when there is exactly one, measures
 * the colour of the face and of the background. Anything that is not a JPEG of the expected size comes back empty;
 * nothing here throws for hostile input. A failure of the face model is not the submitter's fault and is thrown.
 */
final class FrameAnalyzer {

    private final int width;
    private final int height;
    private final FaceDetector detector;
    private final float[] scratch = new float[ModelInput.LENGTH];
    private final FloatBuffer input = ModelInput.allocate();

    /** One analyzer per submission: it reuses its input buffer from frame to frame and is not shared. */
    FrameAnalyzer(int width, int height, FaceDetector detector) {
        if (width < FramePass.MIN_WIDTH || height < FramePass.MIN_HEIGHT) {
            throw new IllegalArgumentException("frame size too small: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.detector = detector;
    }

    Optional<FrameStats> analyze(CapturedFrame frame) throws FaceModelException {
        Optional<BufferedImage> image = decode(frame);
        if (image.isEmpty()) {
            return Optional.empty();
        }
        Pixels pixels = Pixels.of(image.get());
        double noise = FramePass.noise(pixels);
        ModelInput.fill(pixels, scratch, input);
        List<Face> faces = detector.detect(input, ModelInput.letterbox(width, height));
        Optional<Rgb> face = Optional.empty();
        Optional<Rgb> background = Optional.empty();
        if (faces.size() == 1) {
            face = RegionMeans.face(pixels, faces.get(0));
            background = RegionMeans.background(pixels, faces.get(0));
        }
        return Optional.of(new FrameStats(noise, faces, face, background, (double) width / height));
    }

    private Optional<BufferedImage> decode(CapturedFrame frame) {
        return JpegFrames.decode(frame, width, height);
    }
}
