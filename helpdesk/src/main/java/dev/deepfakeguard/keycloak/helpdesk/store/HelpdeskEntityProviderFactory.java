package dev.deepfakeguard.keycloak.helpdesk.store;

import dev.deepfakeguard.keycloak.provider.StatelessFactory;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;

import java.util.List;

/**
 * Registers the helpdesk tables (requests, contact changes) with Keycloak's JPA persistence unit; Keycloak applies the Liquibase
 * changelog at start-up (tracked in its own changelog table, derived from {@link #PROVIDER_ID}).
 */
public final class HelpdeskEntityProviderFactory implements JpaEntityProviderFactory,
        StatelessFactory<JpaEntityProvider> {

    public static final String PROVIDER_ID = "deepfake-guard-helpdesk";
    static final String CHANGELOG = "META-INF/deepfake-guard-helpdesk-changelog.xml";
    private static final List<Class<?>> ENTITIES = List.of(RequestEntity.class, ContactEntity.class);

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

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return provider;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
