package dev.deepfakeguard.keycloak.scoring.embedded;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One ONNX Runtime session of BlazeFace for the whole node, created by the scorer factory at start-up and closed with
 * it. {@link OrtSession#run} is safe to call from several request threads at once; how each call runs is fixed by
 * {@link OrtSessions}.
 */
final class FaceDetector implements AutoCloseable {

    static final String INPUT = "input:0";
    static final String FINE_SCORES = "Identity:0";
    static final String COARSE_SCORES = "Identity_1:0";
    static final String FINE_BOXES = "Identity_2:0";
    static final String COARSE_BOXES = "Identity_3:0";
    private static final long[] INPUT_SHAPE = {1, ModelInput.SIZE, ModelInput.SIZE, 3};

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String modelVersion;

    private FaceDetector(OrtEnvironment environment, OrtSession session, String modelVersion) {
        this.environment = environment;
        this.session = session;
        this.modelVersion = modelVersion;
    }

    /**
     * Loads the native runtime and the model, checks the model's inputs and outputs and runs one inference, so that
     * every way this can fail shows at start-up rather than at someone's sign-in.
     */
    static FaceDetector open(FaceModel model) throws FaceModelException {
        OrtSession session = null;
        try {
            OrtEnvironment environment = OrtSessions.environment();
            session = OrtSessions.open(model.bytes());
            requireSignature(session);
            FaceDetector detector = new FaceDetector(environment, session, model.version());
            detector.detect(ModelInput.allocate(), ModelInput.letterbox(ModelInput.SIZE, ModelInput.SIZE));
            return detector;
        } catch (OrtException | RuntimeException | LinkageError e) {
            OrtSessions.closeQuietly(session);
            throw new FaceModelException(FaceModelException.UNAVAILABLE,
                    "ONNX Runtime cannot load the face model: " + e, e);
        } catch (FaceModelException e) {
            OrtSessions.closeQuietly(session);
            throw new FaceModelException(FaceModelException.UNAVAILABLE, e.getMessage(), e);
        }
    }

    String modelVersion() {
        return modelVersion;
    }

    /** Faces in one frame; {@code input} as filled by {@link ModelInput#fill}, read in place (a direct buffer). */
    List<Face> detect(FloatBuffer input, ModelInput.Letterbox letterbox) throws FaceModelException {
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, input.rewind(), INPUT_SHAPE);
             OrtSession.Result result = session.run(Map.of(INPUT, tensor))) {
            return BlazeFaceDecoder.decode(floats(result, FINE_SCORES), floats(result, COARSE_SCORES),
                    floats(result, FINE_BOXES), floats(result, COARSE_BOXES), letterbox);
        } catch (OrtException | RuntimeException e) {
            throw new FaceModelException(FaceModelException.FAILED, "face detection failed: " + e, e);
        }
    }

    @Override
    public void close() {
        OrtSessions.closeQuietly(session);
    }

    private static float[] floats(OrtSession.Result result, String name) throws OrtException {
        OnnxTensor tensor = (OnnxTensor) result.get(name)
                .orElseThrow(() -> new IllegalStateException("model output " + name + " missing"));
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    private static void requireSignature(OrtSession session) throws OrtException, FaceModelException {
        requireShape(session.getInputInfo(), INPUT, INPUT_SHAPE);
        requireShape(session.getOutputInfo(), FINE_SCORES, new long[] {1, BlazeFaceAnchors.FINE_COUNT, 1});
        int coarse = BlazeFaceAnchors.COUNT - BlazeFaceAnchors.FINE_COUNT;
        requireShape(session.getOutputInfo(), COARSE_SCORES, new long[] {1, coarse, 1});
        requireShape(session.getOutputInfo(), FINE_BOXES,
                new long[] {1, BlazeFaceAnchors.FINE_COUNT, BlazeFaceDecoder.VALUES});
        requireShape(session.getOutputInfo(), COARSE_BOXES, new long[] {1, coarse, BlazeFaceDecoder.VALUES});
    }

    private static void requireShape(Map<String, NodeInfo> nodes, String name, long[] shape)
            throws FaceModelException {
        NodeInfo node = nodes.get(name);
        if (node == null || !(node.getInfo() instanceof TensorInfo info) || !Arrays.equals(info.getShape(), shape)) {
            throw new FaceModelException(FaceModelException.UNAVAILABLE,
                    "model has no tensor " + name + " of shape " + Arrays.toString(shape), null);
        }
    }
}
