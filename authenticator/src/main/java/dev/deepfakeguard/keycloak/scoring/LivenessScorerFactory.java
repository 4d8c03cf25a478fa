package dev.deepfakeguard.keycloak.scoring;

import org.keycloak.provider.ProviderFactory;

/** Factory of a {@link LivenessScorer}; its id is what the authenticator config selects. */
public interface LivenessScorerFactory extends ProviderFactory<LivenessScorer> {
}
