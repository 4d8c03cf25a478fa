package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.challenge.HeadPose;
import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.FlowKind;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.policy.Policy;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.scoring.ScoreResult;
import dev.deepfakeguard.keycloak.testing.FaceScene;
import dev.deepfakeguard.keycloak.testing.HeadMotion;
import dev.deepfakeguard.keycloak.testing.InMemoryReplayStore;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.deepfakeguard.keycloak.testing.SyntheticFrames.WEBCAM_LABEL;
import static dev.deepfakeguard.keycloak.testing.SyntheticFrames.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cheapest submissions that are not a live face answering this challenge, each scored by the real model: every
 * one must be denied by the default policy of every flow, with a reason that says why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedScorerAttacksTest {

    private final FaceAnalysis faces = FaceAnalysis.load();

    @AfterAll
    void closeFaces() {
        faces.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SyntheticFrames.Surface.class)
    void deniesASurfaceLitByTheScriptWithSensorNoiseBecauseNoFaceIsThere(SyntheticFrames.Surface surface) {
        Challenge challenge = SyntheticFrames.challenge(81);

        ScoreResult result = score(challenge, SyntheticFrames.surface(challenge, 81, surface));

        assertDeniedEverywhere(result);
        assertThat(result.livenessScore()).isZero();
        assertThat(result.reasonCodes()).contains(ReasonCodes.NO_FACE);
    }

    @Test
    void deniesWhenASecondPersonIsInView() {
        Challenge challenge = SyntheticFrames.challenge(82);

        ScoreResult result = score(challenge, SyntheticFrames.twoPeople(challenge, 82));

        assertDeniedEverywhere(result);
        assertThat(result.reasonCodes()).contains(ReasonCodes.MULTIPLE_FACES);
    }

    @Test
    void deniesAFaceOutsideTheGuideOval() {
        Challenge challenge = SyntheticFrames.challenge(83);

        ScoreResult result = score(challenge, SyntheticFrames.posed(challenge, 83,
                FaceScene.Pose.centred().movedTo(75, 120)));

        assertDeniedEverywhere(result);
        assertThat(result.reasonCodes()).contains(ReasonCodes.FACE_NOT_CENTRED);
    }

    @Test
    void deniesAFaceTooFarAway() {
        Challenge challenge = SyntheticFrames.challenge(84);

        ScoreResult result = score(challenge, SyntheticFrames.posed(challenge, 84,
                FaceScene.Pose.centred().sized(52)));

        assertDeniedEverywhere(result);
        assertThat(result.reasonCodes()).contains(ReasonCodes.FACE_TOO_SMALL);
    }

    @Test
    void deniesWhenOnlySomeFramesShowAFace() {
        Challenge challenge = SyntheticFrames.challenge(85);
        List<CapturedFrame> mixed = new ArrayList<>(SyntheticFrames.following(challenge, 85));
        mixed.set(4, SyntheticFrames.surface(challenge, 85, SyntheticFrames.Surface.GREY_CARD).get(4));

        ScoreResult result = score(challenge, mixed);

        assertDeniedEverywhere(result);
        assertThat(result.reasonCodes()).contains(ReasonCodes.NO_FACE);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {86, 87, 88})
    void deniesAFaceThatReflectsTheScriptButDoesNotTurn(long seed) {
        Challenge challenge = SyntheticFrames.challenge(seed);

        ScoreResult result = score(challenge, SyntheticFrames.withMotion(challenge, seed, HeadMotion.still()));

        assertDeniedEverywhere(result);
        assertThat(result.reasonCodes()).contains(ReasonCodes.LIVE_REFLECTION, ReasonCodes.HEAD_TURN_MISSING);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {89, 90, 91})
    void deniesAFaceThatTurnsTheWrongWay(long seed) {
        Challenge challenge = SyntheticFrames.challenge(seed);

        ScoreResult result = score(challenge, SyntheticFrames.withMotion(challenge, seed, HeadMotion.wrongWay()));

        assertDeniedEverywhere(result);
        assertThat(result.reasonCodes()).contains(ReasonCodes.HEAD_TURN_WRONG_WAY);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {92, 93, 94})
    void deniesAFaceThatTurnsBeforeThePromptShows(long seed) {
        Challenge challenge = SyntheticFrames.challenge(seed);

        ScoreResult result = score(challenge, SyntheticFrames.withMotion(challenge, seed, HeadMotion.early()));

        assertDeniedEverywhere(result);
        assertThat(result.reasonCodes()).contains(ReasonCodes.HEAD_TURN_EARLY);
    }

    @Test
    void deniesARecordingThatTurnedForAnotherChallengesPrompts() {
        // Same colours, so only the head gives the recording away: its turns came in the other order.
        Challenge issued = SyntheticFrames.challenge(95);
        Challenge recordedFor = new Challenge("recorded-challenge-0001", issued.nonce(), issued.colours(),
                mirrored(issued), issued.stepMillis(), issued.issuedAtMillis(), issued.expiresAtMillis());

        ScoreResult result = score(issued, SyntheticFrames.following(recordedFor, 95));

        assertDeniedEverywhere(result);
        assertThat(result.reasonCodes()).contains(ReasonCodes.HEAD_TURN_WRONG_WAY);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {96, 97, 98})
    void deniesAFaceWhoseColourWasLaidEvenlyOverTheWholeFrame(long seed) {
        Challenge challenge = SyntheticFrames.challenge(seed);

        ScoreResult result = score(challenge, SyntheticFrames.evenlyTinted(challenge, seed));

        assertDeniedEverywhere(result);
        assertThat(result.reasonCodes()).contains(ReasonCodes.UNIFORM_TINT);
        assertThat(result.syntheticScore()).isGreaterThanOrEqualTo(EmbeddedScorer.UNIFORM_TINT_SCORE);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void allowsALiveFaceThatFollowsColoursAndPromptsInEveryFlow(long seed) {
        Challenge challenge = SyntheticFrames.challenge(seed);

        ScoreResult result = score(challenge, SyntheticFrames.following(challenge, seed));

        for (FlowKind flow : FlowKind.values()) {
            assertThat(Policy.defaults(flow).decide(result).decision()).as("%s: %s", flow, result)
                    .isEqualTo(Decision.ALLOW);
        }
        assertThat(result.reasonCodes()).containsExactly(ReasonCodes.LIVE_REFLECTION, ReasonCodes.HEAD_TURN_FOLLOWED);
    }

    private static List<HeadPose> mirrored(Challenge challenge) {
        List<HeadPose> poses = new ArrayList<>(challenge.poses());
        Collections.replaceAll(poses, HeadPose.LEFT, null);
        Collections.replaceAll(poses, HeadPose.RIGHT,
                HeadPose.LEFT);
        Collections.replaceAll(poses, null, HeadPose.RIGHT);
        return poses;
    }

    private ScoreResult score(Challenge challenge, List<CapturedFrame> frames) {
        return new EmbeddedScorer(new InMemoryReplayStore(), faces).score(request(challenge, frames, WEBCAM_LABEL));
    }

    private static void assertDeniedEverywhere(ScoreResult result) {
        assertThat(result.isCompleted()).as(result.toString()).isTrue();
        for (FlowKind flow : FlowKind.values()) {
            assertThat(Policy.defaults(flow).decide(result).decision()).as("%s: %s", flow, result)
                    .isEqualTo(Decision.DENY);
        }
    }
}
