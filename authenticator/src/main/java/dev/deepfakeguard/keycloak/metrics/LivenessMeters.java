package dev.deepfakeguard.keycloak.metrics;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.FlowKind;
import dev.deepfakeguard.keycloak.policy.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The liveness step's meters: decisions, suspected deepfakes, fallbacks, scorer latency and availability. One
 * instance per registry (the authenticator factory owns it), because the availability gauges read its state.
 * With Keycloak's metrics off, the global registry holds no registry and every call here costs next to nothing.
 */
public final class LivenessMeters {

    static final String VERDICT = "verdict";
    static final String UNAVAILABLE = "unavailable";

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> available = new ConcurrentHashMap<>();

    public LivenessMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters on Micrometer's global registry, the one Keycloak's Quarkus runtime exposes on {@code /metrics}. */
    public static LivenessMeters global() {
        return new LivenessMeters(Metrics.globalRegistry);
    }

    /** A decision of the policy, after the step-up route check. */
    public void decided(String realm, FlowKind flow, Verdict verdict) {
        count(realm, flow, verdict.decision(), verdict.reasons());
        if (verdict.decision() == Decision.DENY && EventErrors.DEEPFAKE_SUSPECTED.equals(verdict.eventError())) {
            Counter.builder(GuardMeter.DEEPFAKE_SUSPECTED.meterName())
                    .description(GuardMeter.DEEPFAKE_SUSPECTED.meaning())
                    .tags("realm", realm, "flow", flow.value())
                    .register(registry).increment();
        }
        if (verdict.fallback()) {
            Counter.builder(GuardMeter.FALLBACKS.meterName()).description(GuardMeter.FALLBACKS.meaning())
                    .tags("realm", realm, "flow", flow.value(), "reason", ReasonTag.of(verdict.reasons()))
                    .register(registry).increment();
        }
    }

    /** A denial without a verdict: the answer was refused before scoring, or the subject is locked. */
    public void denied(String realm, FlowKind flow, String reasonCode) {
        count(realm, flow, Decision.DENY, List.of(reasonCode));
    }

    private void count(String realm, FlowKind flow, Decision decision, List<String> reasons) {
        Counter.builder(GuardMeter.DECISIONS.meterName()).description(GuardMeter.DECISIONS.meaning())
                .tags("realm", realm, "flow", flow.value(), "decision", decision.value(),
                        "reason", ReasonTag.of(reasons))
                .register(registry).increment();
    }

    /** One scorer call: how long it took and whether it gave a verdict. */
    public void scored(String scorerId, boolean verdict, Duration took) {
        Timer.builder(GuardMeter.SCORER_LATENCY.meterName()).description(GuardMeter.SCORER_LATENCY.meaning())
                .tags("scorer", scorerId, "outcome", verdict ? VERDICT : UNAVAILABLE)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry).record(took.toNanos(), TimeUnit.NANOSECONDS);
        availability(scorerId).set(verdict ? 1 : 0);
    }

    private AtomicInteger availability(String scorerId) {
        return available.computeIfAbsent(scorerId, id -> {
            AtomicInteger state = new AtomicInteger(1);
            Gauge.builder(GuardMeter.SCORER_AVAILABLE.meterName(), state, AtomicInteger::get)
                    .description(GuardMeter.SCORER_AVAILABLE.meaning()).tags("scorer", id).register(registry);
            return state;
        });
    }
}
