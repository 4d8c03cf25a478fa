package dev.deepfakeguard.keycloak.scoring;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The Keycloak SPI that makes scorers pluggable: {@code spi-deepfake-guard-scorer-<provider>-<option>}. */
public final class LivenessScorerSpi implements Spi {

    public static final String NAME = "deepfake-guard-scorer";

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
        return LivenessScorer.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return LivenessScorerFactory.class;
    }
}
