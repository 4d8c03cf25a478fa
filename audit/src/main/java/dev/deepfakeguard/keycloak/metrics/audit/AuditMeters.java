package dev.deepfakeguard.keycloak.metrics.audit;

import dev.deepfakeguard.keycloak.metrics.GuardMeter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.ToDoubleFunction;

/**
 * The audit trail's meters, read from the node's own counters when scraped: records captured and chained, failures,
 * chain lag and the unsigned tail. Node-level on purpose: the chain is per node, and realms are in the records.
 */
public final class AuditMeters {

    /** What the audit trail of this node knows about itself. */
    public interface Source {
        long captured();

        long captureFailures();

        long chained();

        long chainFailures();

        /** Milliseconds the oldest record of the last successful chaining round waited for it. */
        long chainLagMillis();

        /** Milliseconds since the last successful chaining round, or since start when none succeeded yet. */
        long unsignedTailMillis();
    }

    private AuditMeters() {
    }

    public static void register(MeterRegistry registry, Source source) {
        counter(registry, GuardMeter.AUDIT_CAPTURED, source, Source::captured);
        counter(registry, GuardMeter.AUDIT_CAPTURE_FAILURES, source, Source::captureFailures);
        counter(registry, GuardMeter.AUDIT_CHAINED, source, Source::chained);
        counter(registry, GuardMeter.AUDIT_CHAIN_FAILURES, source, Source::chainFailures);
        seconds(registry, GuardMeter.AUDIT_CHAIN_LAG, source, Source::chainLagMillis);
        seconds(registry, GuardMeter.AUDIT_UNSIGNED_TAIL, source, Source::unsignedTailMillis);
    }

    private static void counter(MeterRegistry registry, GuardMeter meter, Source source,
                                ToDoubleFunction<Source> value) {
        FunctionCounter.builder(meter.meterName(), source, value).description(meter.meaning()).register(registry);
    }

    private static void seconds(MeterRegistry registry, GuardMeter meter, Source source,
                                java.util.function.ToLongFunction<Source> millis) {
        Gauge.builder(meter.meterName(), source, s -> millis.applyAsLong(s) / 1000.0).baseUnit(meter.baseUnit())
                .description(meter.meaning()).register(registry);
    }
}
