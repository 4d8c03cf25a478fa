package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.FlowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.models.AuthenticatorConfigModel;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LivenessConfigTest {

    @Test
    void defaultsToTheEmbeddedScorerAndTheLoginPolicy() {
        LivenessConfig config = LivenessConfig.from(null);

        assertThat(config.scorerId()).isEqualTo("embedded");
        assertThat(config.flow()).isEqualTo(FlowKind.LOGIN);
        assertThat(config.policy().allowAt()).isEqualTo(6000);
        assertThat(config.policy().stepUpAt()).isEqualTo(4000);
        assertThat(config.policy().fallback()).isEqualTo(Decision.STEP_UP);
        assertThat(config.maxAttempts()).isEqualTo(3);
        assertThat(config.challengeTtl()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void takesTheStricterDefaultsOfThePasswordResetPolicy() {
        LivenessConfig config = LivenessConfig.from(model(Map.of(LivenessConfig.FLOW, "password_reset")));

        assertThat(config.policy().allowAt()).isEqualTo(8500);
        assertThat(config.policy().stepUpAt()).isEqualTo(7000);
    }

    @Test
    void overridesThresholdsAndFallback() {
        LivenessConfig config = LivenessConfig.from(model(Map.of(LivenessConfig.ALLOW_THRESHOLD, "7000",
                LivenessConfig.STEP_UP_THRESHOLD, "5000", LivenessConfig.FALLBACK, "deny",
                LivenessConfig.SCORER, "http")));

        assertThat(config.policy().allowAt()).isEqualTo(7000);
        assertThat(config.policy().stepUpAt()).isEqualTo(5000);
        assertThat(config.policy().fallback()).isEqualTo(Decision.DENY);
        assertThat(config.scorerId()).isEqualTo("http");
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource({
            "dfg.fallback, allow",
            "dfg.fallback, ALLOW",
            "dfg.flow, banking",
            "dfg.allowThreshold, 10001",
            "dfg.allowThreshold, sixty",
            "dfg.stepUpThreshold, 9000",
            "dfg.maxAttempts, 0",
            "dfg.maxAttempts, 11",
            "dfg.challengeTtlSeconds, 4",
            "dfg.syntheticDenyThreshold, 0",
            "dfg.scorer, ../../etc"
    })
    void refusesValuesThatWouldWeakenOrBreakThePolicy(String key, String value) {
        assertThatThrownBy(() -> LivenessConfig.from(model(Map.of(key, value))))
                .isInstanceOf(LivenessConfig.InvalidConfigException.class)
                .hasMessageContaining(key);
    }

    private static AuthenticatorConfigModel model(Map<String, String> values) {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(values);
        return model;
    }
}
