package dev.deepfakeguard.keycloak.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

class AfterMigrationTest {

    private final AtomicInteger starts = new AtomicInteger();
    private final ProviderEventListener listener = AfterMigration.listener(starts::incrementAndGet);

    @Test
    void doesNotStartBeforeTheMigrationEvent() {
        listener.onEvent(new ProviderEvent() {
        });

        assertThat(starts).hasValue(0);
    }

    @Test
    void startsOnceWhenTheMigrationEventArrives() {
        listener.onEvent(new PostMigrationEvent(null));
        listener.onEvent(new PostMigrationEvent(null));

        assertThat(starts).hasValue(1);
    }
}
