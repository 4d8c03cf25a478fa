package dev.deepfakeguard.keycloak.policy;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.FlowKind;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.scoring.ScoreResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyTest {

    @ParameterizedTest(name = "{0}: liveness {1}, synthetic {2} -> {3}")
    @CsvSource({
            "LOGIN, 10000, 0, ALLOW",
            "LOGIN, 6000, 0, ALLOW",
            "LOGIN, 5999, 0, STEP_UP",
            "LOGIN, 4000, 4999, STEP_UP",
            "LOGIN, 3999, 0, DENY",
            "LOGIN, 10000, 5000, DENY",
            "PASSWORD_RESET, 8500, 0, ALLOW",
            "PASSWORD_RESET, 8499, 0, STEP_UP",
            "PASSWORD_RESET, 7000, 0, STEP_UP",
            "PASSWORD_RESET, 6999, 0, DENY",
            "ADMIN, 6000, 0, DENY",
            "ADMIN, 9000, 6000, DENY"
    })
    void appliesTheThresholdsOfEachFlow(FlowKind flow, int liveness, int synthetic, Decision expected) {
        Verdict verdict = Policy.defaults(flow).decide(ScoreResult.completed(liveness, synthetic, "test", "1", List.of()));

        assertThat(verdict.decision()).isEqualTo(expected);
        assertThat(verdict.fallback()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(FlowKind.class)
    void neverAllowsWhenTheScorerGivesNoVerdict(FlowKind flow) {
        Verdict verdict = Policy.defaults(flow).decide(ScoreResult.unavailable("http", "scorer_timeout"));

        assertThat(verdict.decision()).isNotEqualTo(Decision.ALLOW);
        assertThat(verdict.fallback()).isTrue();
        assertThat(verdict.reasons()).contains(ReasonCodes.SCORER_UNAVAILABLE, "scorer_timeout");
    }

    @Test
    void deniesWithTheFallbackErrorWhenConfiguredToDeny() {
        Verdict verdict = new Policy(6000, 4000, 5000, Decision.DENY)
                .decide(ScoreResult.unavailable("http", "scorer_http_error"));

        assertThat(verdict.decision()).isEqualTo(Decision.DENY);
        assertThat(verdict.eventError()).isEqualTo(EventErrors.LIVENESS_SCORER_UNAVAILABLE);
    }

    @Test
    void reportsReplayAsDeepfakeSuspected() {
        Verdict verdict = Policy.defaults(FlowKind.LOGIN).decide(
                ScoreResult.completed(0, 9000, "embedded", "1", List.of(ReasonCodes.REPLAYED_MEDIA)));

        assertThat(verdict.eventError()).isEqualTo(EventErrors.DEEPFAKE_SUSPECTED);
    }

    @Test
    void reportsALowScoreAsLivenessFailed() {
        Verdict verdict = Policy.defaults(FlowKind.LOGIN).decide(
                ScoreResult.completed(1000, 0, "embedded", "1", List.of(ReasonCodes.REFLECTION_MISMATCH)));

        assertThat(verdict.eventError()).isEqualTo(EventErrors.LIVENESS_FAILED);
        assertThat(verdict.reasons()).contains(ReasonCodes.LOW_LIVENESS);
    }

    @Test
    void refusesAnAllowFallback() {
        assertThatThrownBy(() -> new Policy(6000, 4000, 5000, Decision.ALLOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"4000, 6000, 5000", "-1, 0, 5000", "10001, 0, 5000", "6000, 4000, 10001"})
    void refusesInconsistentThresholds(int allow, int stepUp, int synthetic) {
        assertThatThrownBy(() -> new Policy(allow, stepUp, synthetic, Decision.STEP_UP))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
