package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FrameAnalyzerTest {

    private final FrameAnalyzer analyzer = new FrameAnalyzer(320, 240);

    @Test
    void measuresTheColourOfTheCentralBoxOnly() {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.BLACK);
        graphics.fillRect(0, 0, 320, 240);
        graphics.setColor(new Color(200, 120, 60));
        graphics.fillRect(80, 60, 160, 120);
        graphics.dispose();

        FrameStats stats = analyzer.analyze(frame(image)).orElseThrow();

        assertThat(stats.red()).isCloseTo(200, within(4.0));
        assertThat(stats.green()).isCloseTo(120, within(4.0));
        assertThat(stats.blue()).isCloseTo(60, within(4.0));
        assertThat(stats.noise()).isLessThan(InjectionSignals.MIN_SENSOR_NOISE);
    }

    @Test
    void readsGreyJpegsAsEqualChannels() {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(100, 100, 100));
        graphics.fillRect(0, 0, 320, 240);
        graphics.dispose();

        FrameStats stats = analyzer.analyze(frame(image)).orElseThrow();

        assertThat(stats.red()).isCloseTo(100, within(2.0));
        assertThat(stats.green()).isEqualTo(stats.red());
        assertThat(stats.blue()).isEqualTo(stats.red());
    }

    @Test
    void findsSensorNoiseInCameraLikeFrames() {
        CapturedFrame live = SyntheticFrames.following(SyntheticFrames.challenge(3), 3).get(0);

        assertThat(analyzer.analyze(live).orElseThrow().noise()).isGreaterThan(InjectionSignals.MIN_SENSOR_NOISE);
    }

    @Test
    void refusesFramesOfAnotherSizeBeforeDecodingThem() {
        Optional<FrameStats> stats = analyzer.analyze(frame(new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB)));

        assertThat(stats).isEmpty();
    }

    @Test
    void refusesTruncatedJpegs() {
        byte[] whole = SyntheticFrames.jpeg(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB));
        byte[] truncated = Arrays.copyOf(whole, 40);

        assertThat(analyzer.analyze(CapturedFrame.of(truncated, 0))).isEmpty();
    }

    private static CapturedFrame frame(BufferedImage image) {
        return CapturedFrame.of(SyntheticFrames.jpeg(image), 500);
    }
}
