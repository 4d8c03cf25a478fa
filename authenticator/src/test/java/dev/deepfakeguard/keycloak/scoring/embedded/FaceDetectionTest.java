package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.challenge.ScreenColour;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.testing.FaceScene;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** BlazeFace through ONNX Runtime on drawn faces and on surfaces that are not faces. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaceDetectionTest {

    private static final ScreenColour WHITE = new ScreenColour(255, 255, 255);

    private final FaceAnalysis faces = FaceAnalysis.load();

    @AfterAll
    void close() {
        faces.close();
    }

    @Test
    void loadsTheBundledModelWithItsDigestInTheVersion() {
        assertThat(faces.isAvailable()).isTrue();
        assertThat(faces.modelVersion()).isEqualTo("blazeface128-d388b1cf8a5f6f1a");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void findsExactlyOneDrawnFaceWhereItIs(long seed) throws Exception {
        FaceScene.Pose pose = FaceScene.Pose.centred();

        FrameStats stats = analyse(FaceScene.render(WHITE, pose, new Random(seed)));

        assertThat(stats.faces()).hasSize(1);
        Face face = stats.faces().get(0);
        assertThat(face.score()).isGreaterThan(0.7);
        assertThat(face.centreX() * SyntheticFrames.WIDTH).isCloseTo(pose.centreX(), within(12.0));
        assertThat(face.centreY() * SyntheticFrames.HEIGHT).isCloseTo(pose.centreY(), within(18.0));
        assertThat(face.width()).isBetween(FaceRules.MIN_FACE_WIDTH, FaceRules.MAX_FACE_WIDTH);
        assertThat(FaceRules.insideOval(face)).isTrue();
        assertThat(stats.face()).isPresent();
        assertThat(stats.background()).isPresent();
    }

    @ParameterizedTest(name = "yaw {0}°")
    @ValueSource(doubles = {-35, -25, -15, 15, 25, 35})
    void measuresYawFromTheKeypointsInTheRightDirection(double degrees) throws Exception {
        double straight = yaw(0);
        double turned = yaw(degrees);

        assertThat(Math.signum(turned - straight)).isEqualTo(Math.signum(degrees));
        assertThat(Math.abs(turned - straight)).isGreaterThan(Math.abs(degrees) >= 25 ? HeadTurn.TURNED : 0.05);
    }

    @ParameterizedTest
    @EnumSource(SyntheticFrames.Surface.class)
    void findsNoFaceOnSurfacesThatAreNotFaces(SyntheticFrames.Surface surface) throws Exception {
        List<CapturedFrame> frames = SyntheticFrames.surface(SyntheticFrames.challenge(5), 5, surface);

        for (CapturedFrame frame : frames) {
            assertThat(analyser().analyze(frame).orElseThrow().faces()).as(surface.name()).isEmpty();
        }
    }

    @Test
    void findsNoFaceInChromiumsFakeCameraPattern() throws Exception {
        for (CapturedFrame frame : SyntheticFrames.flatFakeCamera(SyntheticFrames.challenge(6), 6)) {
            assertThat(analyser().analyze(frame).orElseThrow().faces()).isEmpty();
        }
    }

    @Test
    void findsBothFacesWhenTwoPeopleAreInView() throws Exception {
        CapturedFrame frame = SyntheticFrames.twoPeople(SyntheticFrames.challenge(8), 8).get(0);

        assertThat(analyser().analyze(frame).orElseThrow().faces()).hasSize(2);
    }

    private double yaw(double degrees) throws Exception {
        FrameStats stats = analyse(FaceScene.render(WHITE, FaceScene.Pose.centred().turned(degrees), new Random(3)));
        assertThat(stats.faces()).as("yaw %s", degrees).hasSize(1);
        return stats.faces().get(0).yaw(stats.aspect());
    }

    private FrameStats analyse(BufferedImage image) throws FaceModelException {
        return analyser().analyze(CapturedFrame.of(SyntheticFrames.jpeg(image), 400)).orElseThrow();
    }

    private FrameAnalyzer analyser() {
        return new FrameAnalyzer(SyntheticFrames.WIDTH, SyntheticFrames.HEIGHT, faces.detector().orElseThrow());
    }
}
