package dev.deepfakeguard.keycloak.lockout;

import org.keycloak.provider.ProviderFactory;

/** Factory of the lookup; the one with the highest {@link #order()} is used unless the operator picks one. */
public interface LockoutLookupProviderFactory extends ProviderFactory<LockoutLookupProvider> {
}
