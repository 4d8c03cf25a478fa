package dev.deepfakeguard.keycloak.face.match;

import dev.deepfakeguard.keycloak.provider.ExtensionSpi;

/** Face matchers are pluggable: {@code --spi-deepfake-guard-face-matcher-<provider>-<option>}. */
public final class FaceMatcherSpi extends ExtensionSpi {

    public static final String NAME = "deepfake-guard-face-matcher";

    public FaceMatcherSpi() {
        super(NAME, FaceMatcher.class, FaceMatcherFactory.class);
    }
}
