package dev.deepfakeguard.keycloak.face.match.onnx;

import dev.deepfakeguard.keycloak.face.match.FaceMatcher;
import dev.deepfakeguard.keycloak.face.match.Probe;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OnnxFaceMatcherFactoryTest {

    private static FaceMatcher load(java.util.function.Function<String, String> options) {
        OnnxFaceMatcherFactory factory = new OnnxFaceMatcherFactory();
        return factory.load(options);
    }

    private static void assertUnavailable(FaceMatcher matcher, String why) {
        assertThat(matcher.modelDigest()).isEmpty();
        assertThat(matcher.probe(List.of(), 320, 240)).isInstanceOfSatisfying(Probe.Unavailable.class,
                unavailable -> assertThat(unavailable.reason()).contains(why));
    }

    @Test
    void withoutAModelMatchingIsOff() {
        FaceMatcher matcher = load(Map.<String, String>of()::get);

        assertThat(matcher.isConfigured()).isFalse();
        assertUnavailable(matcher, "no embedding model");
    }

    @Test
    void aModelWithoutItsDigestIsMisconfiguredNotOff() {
        FaceMatcher matcher = load(TestEmbeddingModel.with(EmbeddingSettings.MODEL_SHA256, null));

        assertThat(matcher.isConfigured()).isTrue();
        assertUnavailable(matcher, "model-sha256");
    }

    @Test
    void refusesAModelWhoseDigestIsNotThePinnedOne() {
        assertUnavailable(load(TestEmbeddingModel.with(EmbeddingSettings.MODEL_SHA256, "0".repeat(64))),
                "not the pinned");
    }

    @Test
    void refusesACorruptModelFile(@TempDir Path dir) throws Exception {
        Path corrupt = dir.resolve("face.onnx");
        Files.write(corrupt, new byte[] {1, 2, 3, 4});
        String digest = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3, 4}));
        Map<String, String> options = Map.of(EmbeddingSettings.MODEL_PATH, corrupt.toString(),
                EmbeddingSettings.MODEL_SHA256, digest);

        assertUnavailable(load(options::get), "ONNX Runtime");
    }

    @Test
    void refusesAModelWithAnotherInputSize() {
        assertUnavailable(load(TestEmbeddingModel.with(EmbeddingSettings.INPUT_SIZE, "160")), "input");
    }

    @Test
    void refusesAModelWithAnotherOutputDimension() {
        assertUnavailable(load(TestEmbeddingModel.with(EmbeddingSettings.OUTPUT_DIMENSION, "128")), "128");
    }

    @Test
    void framesWithoutAFaceGiveNoTemplate() {
        FaceMatcher matcher = load(TestEmbeddingModel.options());
        byte[] grey = SamplePhotos.jpeg(new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR), 0.8f);
        List<CapturedFrame> frames = List.of(CapturedFrame.of(grey, 0), CapturedFrame.of(grey, 100),
                CapturedFrame.of(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 1}, 200));

        assertThat(matcher.modelDigest()).contains(TestEmbeddingModel.SHA256);
        assertThat(matcher.probe(frames, 320, 240)).isInstanceOf(Probe.NoFace.class);
    }
}
