package dev.deepfakeguard.keycloak.scoring;

import dev.deepfakeguard.keycloak.provider.ExtensionSpi;

/** The Keycloak SPI that makes scorers pluggable: {@code spi-deepfake-guard-scorer-<provider>-<option>}. */
public final class LivenessScorerSpi extends ExtensionSpi {

    public static final String NAME = "deepfake-guard-scorer";

    public LivenessScorerSpi() {
        super(NAME, LivenessScorer.class, LivenessScorerFactory.class);
    }
}
