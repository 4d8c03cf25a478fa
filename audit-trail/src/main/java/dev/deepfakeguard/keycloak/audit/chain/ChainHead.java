package dev.deepfakeguard.keycloak.audit.chain;

import dev.deepfakeguard.keycloak.audit.format.Digests;
import dev.deepfakeguard.keycloak.audit.format.Fields;

/** The newest record of one chain (node + boot epoch): where the next record links to. Seq 0 = empty chain. */
public record ChainHead(String node, String epoch, long seq, String hash) {

    public ChainHead {
        Fields.requireId("node", node);
        Fields.requireId("epoch", epoch);
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative");
        }
        if (!Digests.isHash(hash)) {
            throw new IllegalArgumentException("hash must be 64 lower-case hex digits");
        }
    }

    public static ChainHead empty(String node, String epoch) {
        return new ChainHead(node, epoch, 0, Digests.GENESIS);
    }
}
