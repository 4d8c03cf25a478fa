package dev.deepfakeguard.keycloak.lockout;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The seam between every Deepfake Guard step (which asks "is this user or source locked?") and the lockout listener
 * (which decides). The authenticator ships a user-attribute lookup; the listener module adds one that also knows
 * source-address locks and wins by {@link LockoutLookupProviderFactory#order()}.
 */
public final class LockoutLookupSpi implements Spi {

    public static final String NAME = "deepfake-guard-lockout-lookup";

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
        return LockoutLookupProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return LockoutLookupProviderFactory.class;
    }
}
