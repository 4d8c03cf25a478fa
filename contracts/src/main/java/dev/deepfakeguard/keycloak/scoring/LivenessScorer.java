package dev.deepfakeguard.keycloak.scoring;

import org.keycloak.provider.Provider;

/**
 * Extension point: turns one challenge submission into scores. Implementations never decide; the policy does.
 * A scorer must not throw for bad media or vendor faults: it returns {@link ScoreResult#unavailable} or a completed
 * result with reason codes, and the policy applies the configured fail-safe fallback.
 */
public interface LivenessScorer extends Provider {

    ScoreResult score(ScoringRequest request);

    @Override
    default void close() {
    }
}
