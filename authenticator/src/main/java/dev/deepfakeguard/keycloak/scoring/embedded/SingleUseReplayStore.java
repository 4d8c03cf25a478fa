package dev.deepfakeguard.keycloak.scoring.embedded;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Replay fingerprints in Keycloak's single-use object store: shared by every node of the cluster, expiring on their
 * own, and written with {@code putIfAbsent} so that the first writer wins.
 */
final class SingleUseReplayStore implements ReplayStore {

    static final String KEY_PREFIX = "dfg-replay:";

    private final SingleUseObjectProvider singleUseObjects;
    private final long ttlSeconds;

    SingleUseReplayStore(SingleUseObjectProvider singleUseObjects, long ttlSeconds) {
        if (ttlSeconds <= 0) {
            throw new IllegalArgumentException("replay TTL must be positive");
        }
        this.singleUseObjects = singleUseObjects;
        this.ttlSeconds = ttlSeconds;
    }

    @Override
    public boolean remember(String realmId, String fingerprintHex) {
        return singleUseObjects.putIfAbsent(key(realmId, fingerprintHex), ttlSeconds);
    }

    static String key(String realmId, String fingerprintHex) {
        return KEY_PREFIX + realmId + ':' + fingerprintHex;
    }
}
