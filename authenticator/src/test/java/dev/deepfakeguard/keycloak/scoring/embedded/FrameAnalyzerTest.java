package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.challenge.ScreenColour;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.testing.FaceScene;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrameAnalyzerTest {

    private final FaceAnalysis faces = FaceAnalysis.load();
    private final FrameAnalyzer analyzer = new FrameAnalyzer(320, 240, faces.detector().orElseThrow());

    @AfterAll
    void closeFaces() {
        faces.close();
    }

    @Test
    void measuresTheSkinInsideTheFaceBoxAndTheBackgroundBesideTheHead() throws Exception {
        BufferedImage scene = FaceScene.render(new ScreenColour(255, 255, 255), FaceScene.Pose.centred(),
                new Random(1));

        FrameStats stats = analyzer.analyze(frame(scene)).orElseThrow();

        Rgb skin = stats.face().orElseThrow();
        Rgb wall = stats.background().orElseThrow();
        // Drawn skin is warm (red above blue), the wall behind is a cool grey (blue above red).
        assertThat(skin.red()).isGreaterThan(skin.blue() + 30);
        assertThat(wall.blue()).isGreaterThan(wall.red());
    }

    @Test
    void readsGreyJpegsAndFindsNoFaceInThem() throws Exception {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(100, 100, 100));
        graphics.fillRect(0, 0, 320, 240);
        graphics.dispose();

        FrameStats stats = analyzer.analyze(frame(image)).orElseThrow();

        assertThat(stats.faces()).isEmpty();
        assertThat(stats.face()).isEmpty();
        assertThat(stats.noise()).isCloseTo(0, within(0.1));
    }

    @Test
    void findsSensorNoiseInCameraLikeFrames() throws Exception {
        CapturedFrame live = SyntheticFrames.following(SyntheticFrames.challenge(3), 3).get(0);

        assertThat(analyzer.analyze(live).orElseThrow().noise()).isGreaterThan(InjectionSignals.MIN_SENSOR_NOISE);
    }

    @Test
    void refusesFramesOfAnotherSizeBeforeDecodingThem() throws Exception {
        Optional<FrameStats> stats = analyzer.analyze(frame(new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB)));

        assertThat(stats).isEmpty();
    }

    @Test
    void refusesTruncatedJpegs() throws Exception {
        byte[] whole = SyntheticFrames.jpeg(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB));
        byte[] truncated = Arrays.copyOf(whole, 40);

        assertThat(analyzer.analyze(CapturedFrame.of(truncated, 0))).isEmpty();
    }

    private static CapturedFrame frame(BufferedImage image) {
        return CapturedFrame.of(SyntheticFrames.jpeg(image), 500);
    }
}
