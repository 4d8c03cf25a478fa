package dev.deepfakeguard.keycloak.metrics;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.FlowKind;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.policy.Verdict;
import dev.deepfakeguard.keycloak.scoring.ScoreResult;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class LivenessMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LivenessMeters meters = new LivenessMeters(registry);

    @Test
    void countsDecisionsByRealmFlowDecisionAndFirstReason() {
        meters.decided("acme", FlowKind.LOGIN, verdict(Decision.ALLOW, false, ReasonCodes.LIVE_REFLECTION));
        meters.decided("acme", FlowKind.LOGIN, verdict(Decision.ALLOW, false, ReasonCodes.LIVE_REFLECTION));
        meters.decided("acme", FlowKind.PASSWORD_RESET, verdict(Decision.STEP_UP, false, ReasonCodes.GREY_ZONE));

        assertThat(registry.get("dfg.liveness.decisions").tags("realm", "acme", "flow", "login", "decision", "allow",
                "reason", ReasonCodes.LIVE_REFLECTION).counter().count()).isEqualTo(2.0);
        assertThat(registry.get("dfg.liveness.decisions").tags("flow", "password_reset", "decision", "step_up",
                "reason", ReasonCodes.GREY_ZONE).counter().count()).isEqualTo(1.0);
    }

    @Test
    void countsSuspectedDeepfakesOnlyForDenialsWithAnAttackReason() {
        meters.decided("acme", FlowKind.LOGIN, verdict(Decision.DENY, false, ReasonCodes.SYNTHETIC_MEDIA));
        meters.decided("acme", FlowKind.LOGIN, verdict(Decision.DENY, false, ReasonCodes.LOW_LIVENESS));
        meters.decided("acme", FlowKind.LOGIN, verdict(Decision.STEP_UP, false, ReasonCodes.VIRTUAL_CAMERA));

        assertThat(registry.get("dfg.liveness.deepfake.suspected").counter().count()).isEqualTo(1.0);
    }

    @Test
    void countsFallbacksSeparately() {
        meters.decided("acme", FlowKind.LOGIN, verdict(Decision.STEP_UP, true, ReasonCodes.SCORER_UNAVAILABLE));

        assertThat(registry.get("dfg.liveness.fallbacks").tags("reason", ReasonCodes.SCORER_UNAVAILABLE).counter()
                .count()).isEqualTo(1.0);
        assertThat(registry.find("dfg.liveness.deepfake.suspected").counter()).isNull();
    }

    @Test
    void aScorerCannotGrowTheNumberOfSeriesWithInventedReasons() {
        for (int i = 0; i < 50; i++) {
            meters.decided("acme", FlowKind.LOGIN, verdict(Decision.DENY, false, "vendor_code_" + i));
        }

        assertThat(registry.get("dfg.liveness.decisions").counters()).hasSize(1);
        assertThat(registry.get("dfg.liveness.decisions").counter().getId().getTag("reason"))
                .isEqualTo(ReasonTag.OTHER);
    }

    @Test
    void neverTagsAUserOrAnAddress() {
        meters.decided("acme", FlowKind.LOGIN, verdict(Decision.DENY, false, ReasonCodes.REPLAYED_MEDIA));
        meters.denied("acme", FlowKind.ADMIN, ReasonCodes.NONCE_REPLAYED);
        meters.scored("http", true, Duration.ofMillis(40));

        Set<String> tagKeys = registry.getMeters().stream().flatMap(m -> m.getId().getTags().stream())
                .map(tag -> tag.getKey()).collect(Collectors.toSet());
        assertThat(tagKeys).isSubsetOf(Set.of("realm", "flow", "decision", "reason", "scorer", "outcome"));
    }

    @Test
    void recordsScorerLatencyAndTheLastAvailability() {
        meters.scored("http", true, Duration.ofMillis(120));
        assertThat(registry.get("dfg.scorer.available").tag("scorer", "http").gauge().value()).isEqualTo(1.0);

        meters.scored("http", false, Duration.ofSeconds(3));

        assertThat(registry.get("dfg.scorer.available").tag("scorer", "http").gauge().value()).isEqualTo(0.0);
        assertThat(registry.get("dfg.scorer.latency").tags("outcome", "unavailable").timer().count()).isEqualTo(1);
        assertThat(registry.get("dfg.scorer.latency").tags("outcome", "verdict").timer()
                .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(120.0);
    }

    @Test
    void everyMeterRegisteredIsInTheCatalogue() {
        meters.decided("acme", FlowKind.LOGIN, verdict(Decision.DENY, true, ReasonCodes.SCORER_UNAVAILABLE));
        meters.decided("acme", FlowKind.LOGIN, verdict(Decision.DENY, false, ReasonCodes.SYNTHETIC_MEDIA));
        meters.scored("http", true, Duration.ofMillis(1));

        Set<String> catalogue = java.util.Arrays.stream(GuardMeter.values()).map(GuardMeter::meterName)
                .collect(Collectors.toSet());
        for (Meter meter : registry.getMeters()) {
            GuardMeter entry = java.util.Arrays.stream(GuardMeter.values())
                    .filter(m -> m.meterName().equals(meter.getId().getName())).findFirst().orElseThrow();
            assertThat(meter.getId().getTags()).extracting(tag -> tag.getKey())
                    .containsExactlyInAnyOrderElementsOf(entry.tags());
        }
        assertThat(registry.getMeters()).extracting(m -> m.getId().getName()).allMatch(catalogue::contains);
    }

    private static Verdict verdict(Decision decision, boolean fallback, String reason) {
        return new Verdict(decision, List.of(reason), fallback, fallback
                ? ScoreResult.unavailable("http", reason)
                : ScoreResult.completed(5000, 100, "http", "v1", List.of(reason)));
    }
}
