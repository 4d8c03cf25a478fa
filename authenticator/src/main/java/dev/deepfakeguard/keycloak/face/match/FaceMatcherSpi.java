package dev.deepfakeguard.keycloak.face.match;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Face matchers are pluggable: {@code --spi-deepfake-guard-face-matcher-<provider>-<option>}. */
public final class FaceMatcherSpi implements Spi {

    public static final String NAME = "deepfake-guard-face-matcher";

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
        return FaceMatcher.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return FaceMatcherFactory.class;
    }
}
