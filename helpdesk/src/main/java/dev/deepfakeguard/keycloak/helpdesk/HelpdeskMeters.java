package dev.deepfakeguard.keycloak.helpdesk;

import dev.deepfakeguard.keycloak.metrics.GuardMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/** Counts helpdesk verifications by outcome; the outcome is one of the few end states, never a user or an agent. */
public final class HelpdeskMeters {

    private final MeterRegistry registry;

    public HelpdeskMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters on Micrometer's global registry, the one Keycloak's Quarkus runtime exposes on {@code /metrics}. */
    public static HelpdeskMeters global() {
        return new HelpdeskMeters(Metrics.globalRegistry);
    }

    /** A request reached {@code outcome} (a state that is no longer open). */
    public void outcome(String realm, HelpdeskState outcome) {
        GuardMeter meter = GuardMeter.HELPDESK_VERIFICATIONS;
        Counter.builder(meter.meterName()).description(meter.meaning())
                .tags("realm", realm, "outcome", outcome.value()).register(registry).increment();
    }
}
