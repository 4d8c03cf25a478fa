package dev.deepfakeguard.keycloak.events.audit;

import dev.deepfakeguard.keycloak.provider.ExtensionSpi;

/** Declares {@link AuditTrail} to Keycloak, so that callers ask the session for it instead of casting a factory. */
public final class AuditTrailSpi extends ExtensionSpi {

    public static final String NAME = "deepfake-guard-audit-trail";

    public AuditTrailSpi() {
        super(NAME, AuditTrail.class, AuditTrailProviderFactory.class);
    }
}
