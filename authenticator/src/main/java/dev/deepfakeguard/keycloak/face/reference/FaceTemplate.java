package dev.deepfakeguard.keycloak.face.reference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A face template: the embedding vector of a face, unit length, with the id and SHA-256 of the model that computed
 * it. Never an image, and nothing from which an image is stored. Biometric data (GDPR Art. 9): {@link #toString}
 * names the model only, never the vector.
 */
public final class FaceTemplate {

    public static final int MIN_DIMENSION = 64;
    public static final int MAX_DIMENSION = 2048;
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._+:-]{1,64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final float[] vector;
    private final String modelId;
    private final String modelDigest;

    private FaceTemplate(float[] vector, String modelId, String modelDigest) {
        this.vector = vector;
        this.modelId = modelId;
        this.modelDigest = modelDigest;
    }

    /**
     * A template from a raw embedding, scaled to unit length so that a cosine is a dot product.
     *
     * @throws IllegalArgumentException for a dimension outside {@value #MIN_DIMENSION}–{@value #MAX_DIMENSION}, a
     *                                  non-finite or all-zero vector, or a malformed model id or digest
     */
    public static FaceTemplate of(float[] embedding, String modelId, String modelDigest) {
        Objects.requireNonNull(embedding, "embedding");
        if (embedding.length < MIN_DIMENSION || embedding.length > MAX_DIMENSION) {
            throw new IllegalArgumentException("embedding dimension out of range: " + embedding.length);
        }
        if (modelId == null || !MODEL_ID.matcher(modelId).matches()) {
            throw new IllegalArgumentException("model id malformed");
        }
        if (modelDigest == null || !SHA256.matcher(modelDigest).matches()) {
            throw new IllegalArgumentException("model digest must be a lower-case hex SHA-256");
        }
        double norm = 0;
        for (float value : embedding) {
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("embedding has a non-finite value");
            }
            norm += (double) value * value;
        }
        if (norm < 1e-12) {
            throw new IllegalArgumentException("embedding is all zero");
        }
        double length = Math.sqrt(norm);
        float[] unit = new float[embedding.length];
        for (int i = 0; i < unit.length; i++) {
            unit[i] = (float) (embedding[i] / length);
        }
        return new FaceTemplate(unit, modelId, modelDigest);
    }

    /** The mean direction of several templates of one model: a steadier reference than any single frame. */
    public static FaceTemplate mean(java.util.List<FaceTemplate> templates) {
        if (templates == null || templates.isEmpty()) {
            throw new IllegalArgumentException("no templates to average");
        }
        FaceTemplate first = templates.get(0);
        float[] sum = new float[first.dimension()];
        for (FaceTemplate template : templates) {
            if (!first.sameModel(template)) {
                throw new IllegalArgumentException("templates of different models cannot be averaged");
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += template.vector[i];
            }
        }
        return of(sum, first.modelId, first.modelDigest);
    }

    /** Cosine similarity in basis points, −10000…10000; only for templates of the same model. */
    public int similarityBasisPoints(FaceTemplate other) {
        if (!sameModel(other)) {
            throw new IllegalArgumentException("templates of different models are not comparable");
        }
        double dot = 0;
        for (int i = 0; i < vector.length; i++) {
            dot += (double) vector[i] * other.vector[i];
        }
        return (int) Math.round(Math.max(-1, Math.min(1, dot)) * 10_000);
    }

    public boolean sameModel(FaceTemplate other) {
        return other != null && modelDigest.equals(other.modelDigest) && vector.length == other.vector.length;
    }

    public int dimension() {
        return vector.length;
    }

    public String modelId() {
        return modelId;
    }

    public String modelDigest() {
        return modelDigest;
    }

    /** The vector as base64 of little-endian float32 values: the credential's secret data. */
    String encodedVector() {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            buffer.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    static FaceTemplate decode(String encodedVector, String modelId, String modelDigest) {
        byte[] bytes = Base64.getDecoder().decode(encodedVector);
        if (bytes.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("vector length is not a whole number of floats");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[bytes.length / Float.BYTES];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = buffer.getFloat();
        }
        return of(vector, modelId, modelDigest);
    }

    static boolean isDigest(String value) {
        return value != null && SHA256.matcher(value).matches();
    }

    static String shortDigest(String digest) {
        return digest == null || digest.length() < 16 ? String.valueOf(digest) : digest.substring(0, 16);
    }

    @Override
    public String toString() {
        return "FaceTemplate[model=" + modelId + ", digest=" + shortDigest(modelDigest) + ", dimension="
                + vector.length + "]";
    }
}
