package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.scoring.ClientSignals;
import dev.deepfakeguard.keycloak.scoring.ScoreResult;
import dev.deepfakeguard.keycloak.scoring.ScoringRequest;
import dev.deepfakeguard.keycloak.testing.InMemoryReplayStore;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static dev.deepfakeguard.keycloak.testing.SyntheticFrames.WEBCAM_LABEL;
import static dev.deepfakeguard.keycloak.testing.SyntheticFrames.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Injection signals on otherwise live frames: each one alone must keep liveness below the login threshold. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedScorerSignalsTest {

    private static final int LOGIN_ALLOW = 6_000;

    private final FaceAnalysis faces = FaceAnalysis.load();
    private Challenge challenge;
    private List<CapturedFrame> live;

    @BeforeAll
    void frames() {
        challenge = SyntheticFrames.challenge(61);
        live = SyntheticFrames.following(challenge, 61);
    }

    @AfterAll
    void closeFaces() {
        faces.close();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"fake_device_0", "OBS Virtual Camera", "ManyCam Virtual Webcam", "v4l2loopback",
            "Dummy video device (0x0000)", "Snap Camera", "XSplit VCam", "CamTwist (built-in)", "e2eSoft VCam"})
    void flagsVirtualCameraLabels(String label) {
        ScoreResult result = score(request(challenge, live, label));

        assertThat(result.reasonCodes()).contains(ReasonCodes.VIRTUAL_CAMERA);
        assertThat(result.syntheticScore()).isGreaterThanOrEqualTo(9_000);
        assertThat(result.livenessScore()).isLessThanOrEqualTo(1_000);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "FaceTime HD Camera", "Integrated Webcam (0c45:6a1b)", "Logitech BRIO (046d:085e)",
            "Jobs' webcam", "Probe HD USB Camera"})
    void acceptsOrdinaryCameraLabels(String label) {
        ScoreResult result = score(request(challenge, live, label));

        assertThat(result.reasonCodes()).containsExactly(ReasonCodes.LIVE_REFLECTION, ReasonCodes.HEAD_TURN_FOLLOWED);
    }

    @Test
    void flagsMillisecondExactFrameTiming() {
        List<CapturedFrame> exact = SyntheticFrames.retimed(live, SyntheticFrames.regularTimes(challenge));

        ScoreResult result = score(request(challenge, exact, WEBCAM_LABEL));

        assertThat(result.reasonCodes()).contains(ReasonCodes.REGULAR_FRAME_TIMING);
        assertThat(result.livenessScore()).isLessThan(LOGIN_ALLOW);
    }

    @Test
    void flagsFramesCapturedBeforeTheirColourWasShown() {
        long[] early = new long[live.size()];
        for (int i = 0; i < early.length; i++) {
            early[i] = (long) i * challenge.stepMillis() + 40 + (i % 3) * 7;
        }

        ScoreResult result = score(request(challenge, SyntheticFrames.retimed(live, early), WEBCAM_LABEL));

        assertThat(result.reasonCodes()).contains(ReasonCodes.TIMING_IMPLAUSIBLE);
        assertThat(result.livenessScore()).isLessThan(LOGIN_ALLOW);
    }

    @ParameterizedTest(name = "elapsed {0} ms")
    @ValueSource(longs = {0, 1_000, 5_499})
    void flagsSubmissionsFasterThanTheScript(long elapsedMillis) {
        ScoringRequest template = request(challenge, live, WEBCAM_LABEL);
        ScoringRequest fast = new ScoringRequest(template.requestId(), template.realmId(), template.subject(),
                template.flow(), challenge, live, template.signals(), elapsedMillis, template.settings());

        ScoreResult result = score(fast);

        assertThat(challenge.scriptMillis()).isEqualTo(5_500);
        assertThat(result.reasonCodes()).contains(ReasonCodes.TIMING_IMPLAUSIBLE);
    }

    @Test
    void reportsWrongFrameCountAsUndecodable() {
        assertUndecodable(request(challenge, live.subList(0, live.size() - 1), WEBCAM_LABEL));
    }

    @Test
    void reportsCorruptJpegAsUndecodable() {
        List<CapturedFrame> corrupt = new ArrayList<>(live);
        corrupt.set(5, CapturedFrame.of(new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3, 4, 5}, 2_960));

        assertUndecodable(request(challenge, corrupt, WEBCAM_LABEL));
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"160,120", "320,200", "4000,3000", "0,240"})
    void reportsFramesOfAnotherSizeThanReportedAsUndecodable(int width, int height) {
        ScoringRequest template = request(challenge, live, WEBCAM_LABEL);
        ScoringRequest resized = new ScoringRequest(template.requestId(), template.realmId(), template.subject(),
                template.flow(), challenge, live, new ClientSignals(WEBCAM_LABEL, width, height),
                template.elapsedMillis(), template.settings());

        if (width == 0) {
            // Nothing reported: the page's standard size applies, and these frames have it.
            assertThat(score(resized).reasonCodes()).containsExactly(ReasonCodes.LIVE_REFLECTION,
                    ReasonCodes.HEAD_TURN_FOLLOWED);
        } else {
            assertUndecodable(resized);
        }
    }

    private void assertUndecodable(ScoringRequest request) {
        ScoreResult result = score(request);
        assertThat(result.isCompleted()).isTrue();
        assertThat(result.livenessScore()).isZero();
        assertThat(result.reasonCodes()).containsExactly(ReasonCodes.UNDECODABLE_MEDIA);
    }

    /** A fresh store per call: these tests score the same frames many times and are not about replay. */
    private ScoreResult score(ScoringRequest request) {
        return new EmbeddedScorer(new InMemoryReplayStore(), faces).score(request);
    }
}
