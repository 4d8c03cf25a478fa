package dev.deepfakeguard.keycloak.events.audit;

import org.keycloak.provider.ProviderFactory;

/** Factory of {@link AuditTrail}; one per node owns the chain, the key and the chainer thread. */
public interface AuditTrailProviderFactory extends ProviderFactory<AuditTrail> {
}
