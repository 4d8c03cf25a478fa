package dev.deepfakeguard.keycloak.events.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;

import dev.deepfakeguard.keycloak.provider.RecordingSessionFactory;

/** The chainer reads the audit tables, so it must wait for Keycloak's migration. */
class NodeAuditTrailFactoryStartTest {

    private static final Set<String> CHAINER = Set.of("deepfake-guard-audit-chainer");

    private final RecordingSessionFactory keycloak = new RecordingSessionFactory();
    private final NodeAuditTrailFactory audit = new NodeAuditTrailFactory();

    @BeforeEach
    void init() {
        audit.configure(new MapScope(Map.of("nodeId", "node-a", "chainIntervalMillis", "100")));
        audit.postInit(keycloak.factory());
    }

    @AfterEach
    void close() {
        audit.close();
    }

    @Test
    void startsNoChainerBeforeTheMigrationEvent() {
        keycloak.publish(new ProviderEvent() {
        });

        assertThat(keycloak.newThreadsNamed(CHAINER)).isEmpty();
    }

    @Test
    void startsTheChainerOnceTheMigrationEventArrives() {
        keycloak.publish(new PostMigrationEvent(keycloak.factory()));

        assertThat(keycloak.newThreadsNamed(CHAINER)).isEqualTo(CHAINER);
    }
}
