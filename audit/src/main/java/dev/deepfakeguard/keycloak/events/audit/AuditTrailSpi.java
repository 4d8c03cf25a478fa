package dev.deepfakeguard.keycloak.events.audit;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Declares {@link AuditTrail} to Keycloak, so that callers ask the session for it instead of casting a factory. */
public final class AuditTrailSpi implements Spi {

    public static final String NAME = "deepfake-guard-audit-trail";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return AuditTrail.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return AuditTrailProviderFactory.class;
    }
}
