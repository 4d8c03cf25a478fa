package dev.deepfakeguard.keycloak.metrics.audit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void readsTheTrailsOwnCountersWhenScraped() {
        Trail trail = new Trail();
        AuditMeters.register(registry, trail);

        trail.captured = 7;
        trail.chained = 5;
        trail.lag = 2500;
        trail.tail = 61_000;

        assertThat(registry.get("dfg.audit.records.captured").functionCounter().count()).isEqualTo(7.0);
        assertThat(registry.get("dfg.audit.records.chained").functionCounter().count()).isEqualTo(5.0);
        assertThat(registry.get("dfg.audit.chain.lag").gauge().value()).isEqualTo(2.5);
        assertThat(registry.get("dfg.audit.unsigned.tail").gauge().value()).isEqualTo(61.0);
        assertThat(registry.get("dfg.audit.unsigned.tail").gauge().getId().getBaseUnit()).isEqualTo("seconds");
    }

    private static final class Trail implements AuditMeters.Source {
        long captured;
        long chained;
        long lag;
        long tail;

        @Override
        public long captured() {
            return captured;
        }

        @Override
        public long captureFailures() {
            return 0;
        }

        @Override
        public long chained() {
            return chained;
        }

        @Override
        public long chainFailures() {
            return 0;
        }

        @Override
        public long chainLagMillis() {
            return lag;
        }

        @Override
        public long unsignedTailMillis() {
            return tail;
        }
    }
}
