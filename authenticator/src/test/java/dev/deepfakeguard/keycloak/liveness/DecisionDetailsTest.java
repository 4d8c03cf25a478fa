package dev.deepfakeguard.keycloak.liveness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionDetailsTest {

    @Test
    void survivesTheRoundTripThroughASessionNote() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("dfg_decision", "step_up");
        details.put("dfg_reasons", "grey_zone,scorer_unavailable");
        details.put("dfg_thresholds", "6000/4000/5000");
        details.put("dfg_model_version", "a&b=c");

        assertThat(DecisionDetails.decode(DecisionDetails.encode(details))).containsExactlyEntriesOf(details);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"=x", "novalue", "username=mallory", "dfg_decision=%zz"})
    void keepsOnlyReadableDeepfakeGuardDetails(String note) {
        assertThat(DecisionDetails.decode(note)).isEmpty();
    }
}
