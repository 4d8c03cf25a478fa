package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.Messages;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.policy.Verdict;
import dev.deepfakeguard.keycloak.scoring.ScoreResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GuidanceTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "no_face;low_liveness, dfgNoFace",
            "multiple_faces, dfgMultipleFaces",
            "face_not_centred;face_too_small, dfgFaceTooSmall",
            "face_too_close, dfgFaceTooClose",
            "face_not_centred, dfgFaceNotCentred",
            "live_reflection;head_turn_missing, dfgHeadTurn",
            "head_turn_wrong_way, dfgHeadTurn",
            "head_turn_early, dfgHeadTurn",
            "reflection_mismatch;head_turn_followed, dfgLivenessFailed",
            // Evidence of manipulation: the forger learns nothing about which check caught them.
            "no_face;virtual_camera, dfgLivenessFailed",
            "head_turn_followed;uniform_tint, dfgLivenessFailed",
            "replayed_media, dfgLivenessFailed"})
    void tellsThePersonWhatToChangeOnlyWhereTheyCan(String reasons, String message) {
        Verdict verdict = new Verdict(Decision.DENY, Arrays.asList(reasons.split(";")), false,
                ScoreResult.completed(0, 0, "embedded", "", List.of()));

        assertThat(Guidance.messageFor(verdict)).isEqualTo(message);
    }

    @ParameterizedTest
    @CsvSource({"face_model_unavailable", "scorer_timeout"})
    void saysTheCheckIsUnavailableWhenNoVerdictWasPossible(String reason) {
        Verdict verdict = new Verdict(Decision.DENY, List.of(ReasonCodes.SCORER_UNAVAILABLE, reason), true,
                ScoreResult.unavailable("embedded", reason));

        assertThat(Guidance.messageFor(verdict)).isEqualTo(Messages.SCORER_UNAVAILABLE);
    }
}
