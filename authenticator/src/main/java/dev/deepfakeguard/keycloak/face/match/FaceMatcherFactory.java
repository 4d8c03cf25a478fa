package dev.deepfakeguard.keycloak.face.match;

import org.keycloak.provider.ProviderFactory;

/** Factory of a face matcher; it owns the matcher's models, loaded in {@code init} and released in {@code close}. */
public interface FaceMatcherFactory extends ProviderFactory<FaceMatcher> {
}
