package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.scoring.ScoreResult;
import dev.deepfakeguard.keycloak.scoring.ScoringRequest;
import dev.deepfakeguard.keycloak.testing.InMemoryReplayStore;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.deepfakeguard.keycloak.testing.SyntheticFrames.CHROMIUM_FAKE_LABEL;
import static dev.deepfakeguard.keycloak.testing.SyntheticFrames.WEBCAM_LABEL;
import static dev.deepfakeguard.keycloak.testing.SyntheticFrames.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outcomes of the embedded scorer on synthetic submissions. "DENY level" means what the default policy denies at
 * login: liveness below the step-up threshold 4000, or synthetic at or above 5000.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedScorerTest {

    private static final int LOGIN_STEP_UP = 4_000;
    private static final int SYNTHETIC_DENY = 5_000;

    private final FaceAnalysis faces = FaceAnalysis.load();
    private EmbeddedScorer scorer;

    /** A fresh replay memory per test, as the tests before PER_CLASS had: each story starts on a new node. */
    @BeforeEach
    void newScorer() {
        scorer = new EmbeddedScorer(new InMemoryReplayStore(), faces);
    }

    @AfterAll
    void closeFaces() {
        faces.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void scoresFramesThatFollowTheScriptAsLive(long seed) {
        Challenge challenge = SyntheticFrames.challenge(seed);

        ScoreResult result = scorer.score(request(challenge, SyntheticFrames.following(challenge, seed), WEBCAM_LABEL));

        assertThat(result.isCompleted()).isTrue();
        assertThat(result.livenessScore()).isGreaterThanOrEqualTo(8_500);
        assertThat(result.syntheticScore()).isLessThanOrEqualTo(2_000);
        assertThat(result.reasonCodes()).containsExactly(ReasonCodes.LIVE_REFLECTION, ReasonCodes.HEAD_TURN_FOLLOWED);
        assertThat(result.scorerId()).isEqualTo(EmbeddedScorerFactory.PROVIDER_ID);
        assertThat(result.modelVersion()).isEqualTo("face-1+blazeface128-d388b1cf8a5f6f1a");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void deniesChromiumStockFakeCamera(long seed) {
        Challenge challenge = SyntheticFrames.challenge(seed);

        ScoreResult result = scorer.score(request(challenge, SyntheticFrames.flatFakeCamera(challenge, seed),
                CHROMIUM_FAKE_LABEL));

        assertDenyLevel(result);
        assertThat(result.syntheticScore()).isGreaterThanOrEqualTo(9_000);
        assertThat(result.reasonCodes()).contains(ReasonCodes.NO_FACE, ReasonCodes.VIRTUAL_CAMERA,
                ReasonCodes.NO_SENSOR_NOISE);
    }

    @Test
    void deniesNoiseFreeFramesEvenBehindAnInnocentLabel() {
        Challenge challenge = SyntheticFrames.challenge(11);

        ScoreResult result = scorer.score(request(challenge, SyntheticFrames.flatFakeCamera(challenge, 11),
                WEBCAM_LABEL));

        assertThat(result.syntheticScore()).isGreaterThanOrEqualTo(SYNTHETIC_DENY);
        assertThat(result.reasonCodes()).contains(ReasonCodes.NO_SENSOR_NOISE).doesNotContain(ReasonCodes.VIRTUAL_CAMERA);
    }

    @Test
    void deniesByteForByteReplayOfAnAcceptedSubmission() {
        Challenge first = SyntheticFrames.challenge(21);
        List<CapturedFrame> frames = SyntheticFrames.following(first, 21);
        ScoreResult accepted = scorer.score(request(first, frames, WEBCAM_LABEL));

        // The attacker replays the captured form fields against a fresh challenge with the same script.
        Challenge second = sameScript(first, "second-challenge-0001");
        ScoreResult replayed = scorer.score(request(second, frames, WEBCAM_LABEL));

        assertThat(accepted.livenessScore()).isGreaterThanOrEqualTo(8_500);
        assertThat(replayed.livenessScore()).isZero();
        assertThat(replayed.syntheticScore()).isEqualTo(ScoreResult.MAX_BASIS_POINTS);
        assertThat(replayed.reasonCodes()).startsWith(ReasonCodes.REPLAYED_MEDIA);
    }

    @Test
    void deniesASingleReusedFrameAmongFreshOnes() {
        Challenge challenge = SyntheticFrames.challenge(22);
        List<CapturedFrame> earlier = SyntheticFrames.following(challenge, 22);
        scorer.score(request(challenge, earlier, WEBCAM_LABEL));
        List<CapturedFrame> mixed = new ArrayList<>(SyntheticFrames.following(challenge, 23));
        mixed.set(3, earlier.get(3));

        ScoreResult result = scorer.score(request(challenge, mixed, WEBCAM_LABEL));

        assertThat(result.reasonCodes()).contains(ReasonCodes.REPLAYED_MEDIA);
        assertThat(result.livenessScore()).isZero();
    }

    @Test
    void keepsReplayStatePerRealm() {
        Challenge challenge = SyntheticFrames.challenge(24);
        List<CapturedFrame> frames = SyntheticFrames.following(challenge, 24);
        ScoringRequest inFirstRealm = request(challenge, frames, WEBCAM_LABEL);
        scorer.score(inFirstRealm);
        ScoringRequest inOtherRealm = new ScoringRequest("req-other", "other-realm", inFirstRealm.subject(),
                inFirstRealm.flow(), challenge, frames, inFirstRealm.signals(), inFirstRealm.elapsedMillis(),
                inFirstRealm.settings());

        assertThat(scorer.score(inOtherRealm).reasonCodes()).doesNotContain(ReasonCodes.REPLAYED_MEDIA);
    }

    @Test
    void letsAtMostOneOfTwoConcurrentIdenticalSubmissionsThrough() throws Exception {
        Challenge challenge = SyntheticFrames.challenge(25);
        ScoringRequest request = request(challenge, SyntheticFrames.following(challenge, 25), WEBCAM_LABEL);
        CountDownLatch start = new CountDownLatch(1);
        Callable<ScoreResult> submit = () -> {
            start.await();
            return scorer.score(request);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<ScoreResult> one = pool.submit(submit);
            Future<ScoreResult> two = pool.submit(submit);
            start.countDown();

            long passed = List.of(one.get(), two.get()).stream()
                    .filter(result -> !result.reasonCodes().contains(ReasonCodes.REPLAYED_MEDIA)).count();
            assertThat(passed).isLessThanOrEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {31, 32, 33, 34, 35, 36})
    void deniesFramesLitByAnotherScript(long seed) {
        Challenge challenge = SyntheticFrames.challenge(seed);

        ScoreResult result = scorer.score(request(challenge, SyntheticFrames.notFollowing(challenge, seed),
                WEBCAM_LABEL));

        assertDenyLevel(result);
        assertThat(result.reasonCodes()).containsExactly(ReasonCodes.REFLECTION_MISMATCH,
                ReasonCodes.HEAD_TURN_FOLLOWED);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {41, 42, 43, 44, 45, 46})
    void deniesAVideoRecordedForAnotherChallenge(long seed) {
        Challenge issued = SyntheticFrames.challenge(seed);
        Challenge recordedFor = SyntheticFrames.challenge(seed + 1_000);
        // Same timing as the issued challenge, so only the colours can give the video away.
        List<CapturedFrame> frames = SyntheticFrames.retimed(SyntheticFrames.following(recordedFor, seed),
                SyntheticFrames.following(issued, seed).stream().mapToLong(CapturedFrame::capturedAtMillis).toArray());

        ScoreResult result = scorer.score(request(issued, frames, WEBCAM_LABEL));

        assertThat(result.livenessScore()).isLessThan(LOGIN_STEP_UP);
        assertThat(result.reasonCodes()).doesNotContain(ReasonCodes.LIVE_REFLECTION);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {51, 52, 53})
    void deniesFramesUnderConstantLight(long seed) {
        Challenge challenge = SyntheticFrames.challenge(seed);

        ScoreResult result = scorer.score(request(challenge, SyntheticFrames.constant(challenge, seed), WEBCAM_LABEL));

        assertDenyLevel(result);
        assertThat(result.reasonCodes()).containsExactly(ReasonCodes.NO_REFLECTION, ReasonCodes.HEAD_TURN_FOLLOWED);
    }

    private static void assertDenyLevel(ScoreResult result) {
        assertThat(result.isCompleted()).isTrue();
        assertThat(result.livenessScore() < LOGIN_STEP_UP || result.syntheticScore() >= SYNTHETIC_DENY)
                .as("DENY level: %s", result).isTrue();
    }

    static Challenge sameScript(Challenge challenge, String id) {
        return new Challenge(id, "another-nonce-0123456789abc", challenge.colours(), challenge.poses(),
                challenge.stepMillis(),
                challenge.issuedAtMillis(), challenge.expiresAtMillis());
    }
}
