package dev.deepfakeguard.keycloak.face.match.onnx;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * The operator's embedding model and its input layout. Server-wide options (read once at start), e.g.
 * {@code --spi-deepfake-guard-face-matcher-onnx-model-path=/opt/keycloak/models/face.onnx}:
 * <ul>
 *   <li>{@code model-path}: the ONNX file; without it, matching is unavailable;</li>
 *   <li>{@code model-sha256}: its pinned SHA-256; a different file is refused;</li>
 *   <li>{@code input-size} (112): side of the square, aligned face crop, NCHW [1, 3, size, size];</li>
 *   <li>{@code pixel-mean} (127.5) and {@code pixel-scale} (127.5): each channel value becomes
 *       (value − mean) / scale;</li>
 *   <li>{@code channel-order} ({@code rgb} or {@code bgr});</li>
 *   <li>{@code output-dimension} (512): length of the embedding.</li>
 * </ul>
 */
record EmbeddingSettings(Path modelPath, String sha256, int inputSize, float pixelMean, float pixelScale,
                         boolean bgr, int outputDimension) {

    static final String MODEL_PATH = "model-path";
    static final String MODEL_SHA256 = "model-sha256";
    static final String INPUT_SIZE = "input-size";
    static final String PIXEL_MEAN = "pixel-mean";
    static final String PIXEL_SCALE = "pixel-scale";
    static final String CHANNEL_ORDER = "channel-order";
    static final String OUTPUT_DIMENSION = "output-dimension";

    EmbeddingSettings {
        if (modelPath == null) {
            throw new IllegalArgumentException(MODEL_PATH + " is not set");
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(MODEL_SHA256 + " must be the model's SHA-256 in lower-case hex");
        }
        if (inputSize < 32 || inputSize > 512) {
            throw new IllegalArgumentException(INPUT_SIZE + " must be between 32 and 512");
        }
        if (!Float.isFinite(pixelMean) || !Float.isFinite(pixelScale) || pixelScale <= 0) {
            throw new IllegalArgumentException(PIXEL_MEAN + " and " + PIXEL_SCALE + " must be numbers, scale > 0");
        }
        if (outputDimension < 64 || outputDimension > 2048) {
            throw new IllegalArgumentException(OUTPUT_DIMENSION + " must be between 64 and 2048");
        }
    }

    /** Reads the options through {@code option}, which returns null for an option that is not set. */
    static EmbeddingSettings read(Function<String, String> option) {
        String path = option.apply(MODEL_PATH);
        String digest = option.apply(MODEL_SHA256);
        String order = orDefault(option.apply(CHANNEL_ORDER), "rgb").toLowerCase(Locale.ROOT);
        if (!order.equals("rgb") && !order.equals("bgr")) {
            throw new IllegalArgumentException(CHANNEL_ORDER + " must be rgb or bgr");
        }
        try {
            return new EmbeddingSettings(path == null || path.isBlank() ? null : Path.of(path),
                    digest == null ? null : digest.strip().toLowerCase(Locale.ROOT),
                    Integer.parseInt(orDefault(option.apply(INPUT_SIZE), "112")),
                    Float.parseFloat(orDefault(option.apply(PIXEL_MEAN), "127.5")),
                    Float.parseFloat(orDefault(option.apply(PIXEL_SCALE), "127.5")),
                    order.equals("bgr"),
                    Integer.parseInt(orDefault(option.apply(OUTPUT_DIMENSION), "512")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a numeric face matcher option is not a number: " + e.getMessage());
        }
    }

    /** Model id recorded with every template: the file name and the first 64 bits of the digest. */
    String modelId() {
        String name = modelPath.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.length() > 40) {
            name = name.substring(0, 40);
        }
        return name + "-" + sha256.substring(0, 16);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
