package dev.deepfakeguard.keycloak.testing;

import dev.deepfakeguard.keycloak.scoring.embedded.ReplayStore;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A replay store in one JVM's memory, for tests and benchmarks; production is cluster-wide. */
public final class InMemoryReplayStore implements ReplayStore {

    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Override
    public boolean remember(String realmId, String fingerprintHex) {
        return seen.add(realmId + ':' + fingerprintHex);
    }

    /** A store that never remembers: every submission is new. For benchmarks that score the same frames again. */
    public static ReplayStore forgetful() {
        return (realmId, fingerprintHex) -> true;
    }
}
