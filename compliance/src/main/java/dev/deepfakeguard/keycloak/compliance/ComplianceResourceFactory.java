package dev.deepfakeguard.keycloak.compliance;

import dev.deepfakeguard.keycloak.provider.StatelessFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Mounts {@link ComplianceResource} under the realm's admin API. */
public final class ComplianceResourceFactory implements AdminRealmResourceProviderFactory,
        AdminRealmResourceProvider,
        StatelessFactory<AdminRealmResourceProvider> {

    public static final String PROVIDER_ID = "deepfake-guard-compliance";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                              AdminEventBuilder adminEvent) {
        return new ComplianceResource(session, realm, auth);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void close() {
    }
}
