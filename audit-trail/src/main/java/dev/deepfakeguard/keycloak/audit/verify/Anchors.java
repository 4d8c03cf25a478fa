package dev.deepfakeguard.keycloak.audit.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.deepfakeguard.keycloak.audit.format.Checkpoint;
import dev.deepfakeguard.keycloak.audit.format.Digests;

/**
 * The validly signed anchor checkpoints of an export, by chain: each proves where a chain segment that the export
 * does not show from its start (or a predecessor epoch outside the exported range) ended.
 */
final class Anchors {

    private final Map<String, List<Checkpoint>> byChain = new HashMap<>();

    void add(Checkpoint checkpoint) {
        byChain.computeIfAbsent(Chain.key(checkpoint.node(), checkpoint.epoch()), key -> new ArrayList<>())
                .add(checkpoint);
    }

    List<Checkpoint> of(String node, String epoch) {
        return byChain.getOrDefault(Chain.key(node, epoch), List.of());
    }

    /** Whether an anchor of (node, epoch) ends exactly at {@code seq} with head {@code hash}. */
    boolean endsAt(String node, String epoch, long seq, String hash) {
        return of(node, epoch).stream().anyMatch(a -> a.throughSeq() == seq && Digests.sameHash(a.headHash(), hash));
    }
}
