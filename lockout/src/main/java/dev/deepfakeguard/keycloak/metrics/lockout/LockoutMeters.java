package dev.deepfakeguard.keycloak.metrics.lockout;

import dev.deepfakeguard.keycloak.events.lockout.LockDecision;
import dev.deepfakeguard.keycloak.metrics.GuardMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/** Counters of the lockout listener: locks set and escalated, admin unlocks, failed alert deliveries. */
public final class LockoutMeters {

    private final MeterRegistry registry;

    public LockoutMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters on Micrometer's global registry, the one Keycloak's Quarkus runtime exposes on {@code /metrics}. */
    public static LockoutMeters global() {
        return new LockoutMeters(Metrics.globalRegistry);
    }

    public void locked(String realm, String subjectKind, String level, String reason) {
        counter(GuardMeter.LOCKS_CREATED, "realm", realm, "subject", subjectKind, "level", level, "reason", reason)
                .increment();
        if (LockDecision.REPEATED_LOCKS.equals(reason)) {
            counter(GuardMeter.LOCKS_ESCALATED, "realm", realm, "subject", subjectKind).increment();
        }
    }

    public void unlocked(String realm, String subjectKind) {
        counter(GuardMeter.UNLOCKS, "realm", realm, "subject", subjectKind).increment();
    }

    /** @param code one of the alert worker's fixed failure codes */
    public void deliveryFailed(String channel, String code) {
        counter(GuardMeter.OUTBOX_ATTEMPT_FAILURES, "channel", channel, "code", code).increment();
    }

    private Counter counter(GuardMeter meter, String... tags) {
        return Counter.builder(meter.meterName()).description(meter.meaning()).tags(tags).register(registry);
    }
}
