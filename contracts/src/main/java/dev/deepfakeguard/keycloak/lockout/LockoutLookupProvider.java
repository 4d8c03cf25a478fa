package dev.deepfakeguard.keycloak.lockout;

import org.keycloak.provider.Provider;

/**
 * A {@link LockoutLookup} that Keycloak creates per session, so that a lookup can read Keycloak's storage (the
 * lockout listener's tables) without the authenticator depending on the listener.
 */
public interface LockoutLookupProvider extends LockoutLookup, Provider {

    @Override
    default void close() {
    }
}
