package dev.deepfakeguard.keycloak.events.lockout.store;

import dev.deepfakeguard.keycloak.provider.StatelessFactory;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;

import java.util.List;

/**
 * Registers the lockout tables with Keycloak's JPA persistence unit; Keycloak applies the Liquibase changelog at
 * start-up (tracked in its own changelog table, derived from {@link #PROVIDER_ID}).
 */
public final class LockoutEntityProviderFactory implements JpaEntityProviderFactory,
        StatelessFactory<JpaEntityProvider> {

    public static final String PROVIDER_ID = "deepfake-guard-lockout";
    static final String CHANGELOG = "META-INF/deepfake-guard-lockout-changelog.xml";
    private static final List<Class<?>> ENTITIES = List.of(SubjectEntity.class, FailureEntity.class,
            LockEntity.class, OutboxEntity.class, RateWindowEntity.class);

    private final JpaEntityProvider provider = new JpaEntityProvider() {
        @Override
        public List<Class<?>> getEntities() {
            return ENTITIES;
        }

        @Override
        public String getChangelogLocation() {
            return CHANGELOG;
        }

        @Override
        public String getFactoryId() {
            return PROVIDER_ID;
        }

        @Override
        public void close() {
        }
    };

    /** The entity classes, for persistence units built outside Keycloak (benchmarks). */
    public static List<Class<?>> entities() {
        return ENTITIES;
    }

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return provider;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
