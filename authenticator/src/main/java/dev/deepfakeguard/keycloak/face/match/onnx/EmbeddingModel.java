package dev.deepfakeguard.keycloak.face.match.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.deepfakeguard.keycloak.scoring.embedded.OrtSessions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The operator's face embedding model in one ONNX Runtime session for the node. Opening checks the file's SHA-256
 * against the pinned one, the input layout [N, 3, size, size] and the output's length with one inference, so that a
 * wrong or damaged model shows in the start-up log, not at someone's sign-in.
 */
final class EmbeddingModel implements AutoCloseable {

    /** Recognition models are 4–250 MB; a file beyond this is not read into memory. */
    static final long MAX_BYTES = 512L * 1024 * 1024;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String inputName;
    private final EmbeddingSettings settings;

    private EmbeddingModel(OrtEnvironment environment, OrtSession session, String inputName,
                           EmbeddingSettings settings) {
        this.environment = environment;
        this.session = session;
        this.inputName = inputName;
        this.settings = settings;
    }

    static EmbeddingModel open(EmbeddingSettings settings) throws IOException {
        byte[] bytes = read(settings);
        String actual = sha256(bytes);
        if (!MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII),
                settings.sha256().getBytes(StandardCharsets.US_ASCII))) {
            throw new IOException("face embedding model " + settings.modelPath() + " has SHA-256 " + actual
                    + ", not the pinned " + settings.sha256());
        }
        OrtSession session = null;
        try {
            session = OrtSessions.open(bytes);
            String input = requireInput(session, settings.inputSize());
            EmbeddingModel model = new EmbeddingModel(OrtSessions.environment(), session, input, settings);
            model.embed(new float[3 * settings.inputSize() * settings.inputSize()]);
            return model;
        } catch (OrtException | RuntimeException | LinkageError e) {
            OrtSessions.closeQuietly(session);
            throw new IOException("ONNX Runtime cannot use the face embedding model: " + e, e);
        }
    }

    EmbeddingSettings settings() {
        return settings;
    }

    /** The raw embedding of one aligned face (NCHW floats as made by {@link FaceAlignment}). */
    float[] embed(float[] nchw) throws OrtException {
        int size = settings.inputSize();
        long[] shape = {1, 3, size, size};
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(nchw), shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            OnnxValue output = result.get(0);
            if (!(output instanceof OnnxTensor embedding)) {
                throw new IllegalStateException("the model's first output is not a tensor");
            }
            FloatBuffer values = embedding.getFloatBuffer();
            if (values == null || values.remaining() != settings.outputDimension()) {
                throw new IllegalStateException("the model's output is not " + settings.outputDimension()
                        + " floats");
            }
            float[] vector = new float[values.remaining()];
            values.get(vector);
            return vector;
        }
    }

    @Override
    public void close() {
        OrtSessions.closeQuietly(session);
    }

    private static byte[] read(EmbeddingSettings settings) throws IOException {
        if (Files.size(settings.modelPath()) > MAX_BYTES) {
            throw new IOException("face embedding model " + settings.modelPath() + " is larger than " + MAX_BYTES
                    + " bytes");
        }
        try (InputStream in = Files.newInputStream(settings.modelPath())) {
            return in.readNBytes((int) MAX_BYTES);
        }
    }

    private static String requireInput(OrtSession session, int size) throws OrtException {
        if (session.getInputInfo().size() != 1) {
            throw new IllegalStateException("the model must have exactly one input");
        }
        Map.Entry<String, NodeInfo> input = session.getInputInfo().entrySet().iterator().next();
        if (!(input.getValue().getInfo() instanceof TensorInfo info) || info.getShape().length != 4
                || info.getShape()[1] != 3 || !fits(info.getShape()[2], size) || !fits(info.getShape()[3], size)) {
            throw new IllegalStateException("the model's input is not [N, 3, " + size + ", " + size + "]");
        }
        return input.getKey();
    }

    private static boolean fits(long declared, int size) {
        return declared == size || declared < 0;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
