package dev.deepfakeguard.keycloak.events.lockout.admin;

import dev.deepfakeguard.keycloak.provider.StatelessFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;

import java.time.Clock;

/**
 * {@code /admin/realms/{realm}/deepfake-guard-lockout}: behind Keycloak's admin authentication, with the realm's
 * admin permissions checked per operation.
 */
public final class LockoutAdminResourceFactory implements AdminRealmResourceProviderFactory,
        StatelessFactory<AdminRealmResourceProvider> {

    public static final String PROVIDER_ID = "deepfake-guard-lockout";

    private final Clock clock = Clock.systemUTC();

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession session, org.keycloak.models.RealmModel realm,
                                      org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator auth,
                                      org.keycloak.services.resources.admin.AdminEventBuilder adminEvent) {
                return new LockoutAdminResource(session, realm, auth, adminEvent, clock);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
