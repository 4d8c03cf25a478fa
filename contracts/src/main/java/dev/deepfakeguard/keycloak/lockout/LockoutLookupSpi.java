package dev.deepfakeguard.keycloak.lockout;

import dev.deepfakeguard.keycloak.provider.ExtensionSpi;

/**
 * The seam between every Deepfake Guard step (which asks "is this user or source locked?") and the lockout listener
 * (which decides). The authenticator ships a user-attribute lookup; the listener module adds one that also knows
 * source-address locks and wins by {@link LockoutLookupProviderFactory#order()}.
 */
public final class LockoutLookupSpi extends ExtensionSpi {

    public static final String NAME = "deepfake-guard-lockout-lookup";

    public LockoutLookupSpi() {
        super(NAME, LockoutLookupProvider.class, LockoutLookupProviderFactory.class);
    }
}
