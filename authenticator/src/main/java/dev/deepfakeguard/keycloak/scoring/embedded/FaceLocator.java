package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.scoring.CapturedFrame;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Finds the one face of a frame with the embedded BlazeFace model and hands out its keypoints in pixels, for
 * consumers outside the embedded scorer (face matching aligns faces with them). Frames showing no face or several
 * faces come back empty, as do frames that are not JPEGs of the stated size.
 */
public final class FaceLocator {

    private final FaceAnalysis analysis;

    public FaceLocator(FaceAnalysis analysis) {
        this.analysis = analysis;
    }

    public boolean isAvailable() {
        return analysis.isAvailable();
    }

    /**
     * @throws IllegalStateException when the face model is not loaded or an inference fails: a server fault, not
     *                               something the submitter did
     */
    public Optional<LocatedFace> locate(CapturedFrame frame, int width, int height) {
        FaceDetector detector = analysis.detector()
                .orElseThrow(() -> new IllegalStateException("face model unavailable"));
        Optional<BufferedImage> image = JpegFrames.decode(frame, width, height);
        return image.flatMap(decoded -> locate(decoded, detector));
    }

    /** The one face in an already decoded image of any size. */
    public Optional<LocatedFace> locate(BufferedImage image) {
        FaceDetector detector = analysis.detector()
                .orElseThrow(() -> new IllegalStateException("face model unavailable"));
        return locate(image, detector);
    }

    private static Optional<LocatedFace> locate(BufferedImage image, FaceDetector detector) {
        Pixels pixels = Pixels.of(image);
        FloatBuffer input = ModelInput.allocate();
        ModelInput.fill(pixels, new float[ModelInput.LENGTH], input);
        List<Face> faces;
        try {
            faces = detector.detect(input, ModelInput.letterbox(pixels.width(), pixels.height()));
        } catch (FaceModelException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (faces.size() != 1) {
            return Optional.empty();
        }
        Face face = faces.get(0);
        double[] points = new double[2 * LocatedFace.POINTS];
        int[] order = {Face.RIGHT_EYE, Face.LEFT_EYE, Face.NOSE, LocatedFace.MOUTH};
        for (int i = 0; i < order.length; i++) {
            points[2 * i] = face.keypointX(order[i]) * pixels.width();
            points[2 * i + 1] = face.keypointY(order[i]) * pixels.height();
        }
        return Optional.of(new LocatedFace(image, points, face.yaw((double) pixels.width() / pixels.height()),
                face.width(), face.score()));
    }
}
