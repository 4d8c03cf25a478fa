package dev.deepfakeguard.keycloak.scoring.embedded;

/**
 * Remembers fingerprints of submitted media so that a second submission of the same media is recognised. Production
 * uses Keycloak's cluster-wide single-use store ({@link SingleUseReplayStore}); tests and benchmarks plug in their own.
 */
public interface ReplayStore {

    /**
     * Records a fingerprint, atomically with the check, so that two concurrent submissions of the same media cannot
     * both pass.
     *
     * @param realmId        replay state is kept per realm
     * @param fingerprintHex lower-case hex fingerprint
     * @return {@code true} when the fingerprint was new, {@code false} when it had been seen before
     */
    boolean remember(String realmId, String fingerprintHex);
}
