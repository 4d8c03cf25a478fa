package dev.deepfakeguard.keycloak.provider;

import java.util.concurrent.atomic.AtomicBoolean;

import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Runs a start action once Keycloak has migrated the database. {@code postInit} is called before the migration
 * creates or updates the tables (ours included, on a fresh database), so a background worker started there reads
 * tables that may not exist yet; Keycloak publishes {@link PostMigrationEvent} once they do.
 */
public final class AfterMigration {

    private AfterMigration() {
    }

    /** Registers {@code start} to run, at most once, when {@code factory} publishes {@link PostMigrationEvent}. */
    public static void run(KeycloakSessionFactory factory, Runnable start) {
        factory.register(listener(start));
    }

    static ProviderEventListener listener(Runnable start) {
        AtomicBoolean started = new AtomicBoolean();
        return event -> {
            if (event instanceof PostMigrationEvent && started.compareAndSet(false, true)) {
                start.run();
            }
        };
    }
}
