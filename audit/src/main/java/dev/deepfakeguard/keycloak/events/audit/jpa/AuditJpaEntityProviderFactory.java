package dev.deepfakeguard.keycloak.events.audit.jpa;

import dev.deepfakeguard.keycloak.provider.StatelessFactory;
import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers the audit tables with Keycloak's JPA store and their own Liquibase changelog. */
public final class AuditJpaEntityProviderFactory implements JpaEntityProviderFactory, JpaEntityProvider,
        StatelessFactory<JpaEntityProvider> {

    public static final String PROVIDER_ID = "deepfake-guard-audit";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public List<Class<?>> getEntities() {
        return List.of(AuditRecordEntity.class, AuditPersonalEntity.class, AuditCheckpointEntity.class,
                AuditKeyEntity.class, AuditNodeEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/deepfake-guard-audit-changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return PROVIDER_ID;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void close() {
    }
}
