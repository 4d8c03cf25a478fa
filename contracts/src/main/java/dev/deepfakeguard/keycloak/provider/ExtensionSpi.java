package dev.deepfakeguard.keycloak.provider;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * An SPI of Deepfake Guard's own, declared to Keycloak through {@code META-INF/services/org.keycloak.provider.Spi}:
 * not internal (an operator may configure and add providers), named {@code deepfake-guard-…}. A subclass names its
 * provider and factory types in its no-argument constructor, which the service loader calls.
 */
public abstract class ExtensionSpi implements Spi {

    private final String name;
    private final Class<? extends Provider> provider;
    private final Class<? extends ProviderFactory> factory;

    protected ExtensionSpi(String name, Class<? extends Provider> provider,
                           Class<? extends ProviderFactory> factory) {
        this.name = name;
        this.provider = provider;
        this.factory = factory;
    }

    @Override
    public final boolean isInternal() {
        return false;
    }

    @Override
    public final String getName() {
        return name;
    }

    @Override
    public final Class<? extends Provider> getProviderClass() {
        return provider;
    }

    @Override
    public final Class<? extends ProviderFactory> getProviderFactoryClass() {
        return factory;
    }
}
