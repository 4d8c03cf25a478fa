package dev.deepfakeguard.keycloak.events.lockout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;

import dev.deepfakeguard.keycloak.provider.RecordingSessionFactory;

/** The background workers read the lockout tables, so they must wait for Keycloak's migration. */
class LockoutListenerFactoryStartTest {

    private static final Set<String> WORKERS = Set.of("deepfake-guard-lockout-alerts",
            "deepfake-guard-lockout-pending", "deepfake-guard-lockout-gauges");

    private final RecordingSessionFactory keycloak = new RecordingSessionFactory();
    private final LockoutListenerFactory lockout = new LockoutListenerFactory();

    @BeforeEach
    void postInit() {
        lockout.postInit(keycloak.factory());
    }

    @AfterEach
    void close() {
        lockout.close();
    }

    @Test
    void startsNoWorkerBeforeTheMigrationEvent() {
        keycloak.publish(new ProviderEvent() {
        });

        assertThat(keycloak.newThreadsNamed(WORKERS)).isEmpty();
    }

    @Test
    void startsEveryWorkerOnceTheMigrationEventArrives() {
        keycloak.publish(new PostMigrationEvent(keycloak.factory()));

        assertThat(keycloak.newThreadsNamed(WORKERS)).isEqualTo(WORKERS);
    }
}
