package dev.deepfakeguard.keycloak.metrics.lockout;

import dev.deepfakeguard.keycloak.events.lockout.LockDecision;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LockoutMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LockoutMeters meters = new LockoutMeters(registry);

    @Test
    void countsLocksAndTheirEscalationApart() {
        meters.locked("acme", "user", "temporary", LockDecision.CONSECUTIVE_FAILURES);
        meters.locked("acme", "user", "permanent", LockDecision.REPEATED_LOCKS);
        meters.locked("acme", "source", "temporary", LockDecision.SOURCE_FAILURES);

        assertThat(registry.get("dfg.locks.created").counters()).hasSize(3);
        assertThat(registry.get("dfg.locks.created").tags("subject", "user").counters().stream()
                .mapToDouble(c -> c.count()).sum()).isEqualTo(2.0);
        assertThat(registry.get("dfg.locks.escalated").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("dfg.locks.escalated").counter().getId().getTag("realm")).isEqualTo("acme");
    }

    @Test
    void countsUnlocksAndFailedDeliveries() {
        meters.unlocked("acme", "source");
        meters.deliveryFailed("webhook", "delivery_failed");
        meters.deliveryFailed("webhook", "delivery_failed");

        assertThat(registry.get("dfg.unlocks").tag("subject", "source").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("dfg.outbox.attempt.failures").tags("channel", "webhook", "code", "delivery_failed")
                .counter().count()).isEqualTo(2.0);
    }
}
