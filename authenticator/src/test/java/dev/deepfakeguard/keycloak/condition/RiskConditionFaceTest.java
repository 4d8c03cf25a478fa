package dev.deepfakeguard.keycloak.condition;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.models.AuthenticatorConfigModel;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RiskConditionFaceTest {

    private static RiskConditionConfig config(Map<String, String> values) {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(values);
        return RiskConditionConfig.from(model);
    }

    @ParameterizedTest(name = "face match {0}: risky {1} by default, {2} when asked about missing references")
    @CsvSource(nullValues = "null", value = {
        "null, false, false",
        "matched, false, false",
        "uncertain, true, true",
        "mismatch, true, true",
        "no_reference, false, true",
        "unavailable, true, true",
        "forged, true, true",
    })
    void faceMatchTriggers(String note, boolean byDefault, boolean withNoReference) {
        assertThat(config(Map.of()).triggeredByFace(note)).isEqualTo(byDefault);
        assertThat(config(Map.of(RiskConditionConfig.ON_NO_FACE_REFERENCE, "true")).triggeredByFace(note))
                .isEqualTo(withNoReference);
    }

    @ParameterizedTest
    @CsvSource({"mismatch", "uncertain"})
    void mismatchTriggerCanBeSwitchedOff(String note) {
        assertThat(config(Map.of(RiskConditionConfig.ON_FACE_MISMATCH, "false")).triggeredByFace(note)).isFalse();
    }
}
