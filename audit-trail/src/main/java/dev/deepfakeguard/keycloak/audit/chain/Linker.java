package dev.deepfakeguard.keycloak.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.deepfakeguard.keycloak.audit.format.CanonicalJson;
import dev.deepfakeguard.keycloak.audit.format.RecordHash;

/**
 * Puts captured record bodies into a chain: adds the format version, node, epoch, seq, prevHash and the realm, writes
 * the RFC 8785 form and hashes it ({@link RecordHash}: the content hash, then the realm tag). Not thread-safe: one
 * linker belongs to the single thread that chains a node's records.
 */
public final class Linker {

    /** Format version inside every record this linker writes (docs/audit.md, "Format versions"). */
    public static final long VERSION = RecordHash.VERSION_REALM_BOUND;
    static final Set<String> CHAIN_FIELDS = Set.of("v", "node", "epoch", "seq", "prevHash", "realm");

    private final MessageDigest sha256;
    private ChainHead head;

    public Linker(ChainHead head) {
        this.head = head;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
        }
    }

    public ChainHead head() {
        return head;
    }

    /** Links a record of no realm (the listener's own records: epoch_start, key_rotation, capture_failure). */
    public LinkedRecord link(Map<String, Object> body) {
        return link(body, null);
    }

    /**
     * Links one body (a JSON object without the chain fields) after the current head.
     *
     * @param realmId the realm the record belongs to, bound into its hash; null for none
     */
    public LinkedRecord link(Map<String, Object> body, String realmId) {
        for (String field : CHAIN_FIELDS) {
            if (body.containsKey(field)) {
                throw new IllegalArgumentException("a record body must not set the chain field " + field);
            }
        }
        Map<String, Object> record = new TreeMap<>(body);
        long seq = head.seq() + 1;
        record.put("v", VERSION);
        record.put("node", head.node());
        record.put("epoch", head.epoch());
        record.put("seq", seq);
        record.put("prevHash", head.hash());
        if (realmId != null) {
            record.put("realm", realmId);
        }
        String json = CanonicalJson.write(record);
        String hash = RecordHash.chained(sha256.digest(json.getBytes(StandardCharsets.UTF_8)),
                RecordHash.realmTag(realmId));
        LinkedRecord linked = new LinkedRecord(seq, head.hash(), hash, json);
        head = new ChainHead(head.node(), head.epoch(), seq, hash);
        return linked;
    }
}
