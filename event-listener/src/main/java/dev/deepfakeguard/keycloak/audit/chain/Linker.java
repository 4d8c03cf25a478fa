package dev.deepfakeguard.keycloak.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.deepfakeguard.keycloak.audit.format.CanonicalJson;
import dev.deepfakeguard.keycloak.audit.format.Digests;

/**
 * Puts captured record bodies into a chain: adds node, epoch, seq and prevHash, writes the RFC 8785 form and hashes
 * it. Not thread-safe: one linker belongs to the single thread that chains a node's records.
 */
public final class Linker {

    /** Format version inside every record. */
    public static final long VERSION = 1;
    static final Set<String> CHAIN_FIELDS = Set.of("v", "node", "epoch", "seq", "prevHash");

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

    /** Links one body (a JSON object without the chain fields) after the current head. */
    public LinkedRecord link(Map<String, Object> body) {
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
        String json = CanonicalJson.write(record);
        String hash = Digests.hex(sha256.digest(json.getBytes(StandardCharsets.UTF_8)));
        LinkedRecord linked = new LinkedRecord(seq, head.hash(), hash, json);
        head = new ChainHead(head.node(), head.epoch(), seq, hash);
        return linked;
    }
}
