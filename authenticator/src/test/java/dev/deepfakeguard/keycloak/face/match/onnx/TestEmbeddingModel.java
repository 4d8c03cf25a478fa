package dev.deepfakeguard.keycloak.face.match.onnx;

import java.util.Map;
import java.util.function.Function;

/** The test-time embedding model's options, as an operator would set them. */
final class TestEmbeddingModel {

    static final String PATH = System.getProperty("face.test.model",
            "target/face-test/model/package/model/fr_feature.onnx");
    static final String SHA256 = System.getProperty("face.test.model.sha256",
            "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581");

    private TestEmbeddingModel() {
    }

    /** The package's own preprocessing: RGB, (value − 127) / 128, 112×112, 512 floats out. */
    static Function<String, String> options() {
        return Map.of(EmbeddingSettings.MODEL_PATH, PATH, EmbeddingSettings.MODEL_SHA256, SHA256,
                EmbeddingSettings.PIXEL_MEAN, "127", EmbeddingSettings.PIXEL_SCALE, "128")::get;
    }

    static Function<String, String> with(String key, String value) {
        Function<String, String> base = options();
        return option -> option.equals(key) ? value : base.apply(option);
    }
}
