package dev.deepfakeguard.keycloak.audit.format;

import java.util.Map;
import java.util.TreeMap;

/**
 * A signed statement "the chain of {@code node}/{@code epoch} has, up to {@code throughSeq}, the head hash
 * {@code headHash}". Because each record's hash covers its predecessor's, signing the head signs every record up
 * to it; {@code covered} is how many records this checkpoint added to the previous one. {@code version} is the
 * record format of the records it covers: from format 2 on it is signed too ({@code "v"}), so an export cannot pass
 * a realm-bound record off as an older one whose realm cannot be checked.
 */
public record Checkpoint(String node, String epoch, long throughSeq, String headHash, long covered, long time,
                         String keyId, String algorithm, long version) {

    /** A checkpoint over records of the current format. */
    public Checkpoint(String node, String epoch, long throughSeq, String headHash, long covered, long time,
                      String keyId, String algorithm) {
        this(node, epoch, throughSeq, headHash, covered, time, keyId, algorithm, RecordHash.VERSION_REALM_BOUND);
    }

    public Checkpoint {
        if (version != 1 && version != RecordHash.VERSION_REALM_BOUND) {
            throw new IllegalArgumentException("unknown checkpoint version " + version);
        }
        Fields.requireId("node", node);
        Fields.requireId("epoch", epoch);
        if (throughSeq < 1) {
            throw new IllegalArgumentException("throughSeq must be at least 1");
        }
        if (!Digests.isHash(headHash)) {
            throw new IllegalArgumentException("headHash must be 64 lower-case hex digits");
        }
        if (covered < 0 || covered > throughSeq) {
            throw new IllegalArgumentException("covered must be between 0 and throughSeq");
        }
        Fields.requireId("keyId", keyId);
        Fields.requireId("algorithm", algorithm);
    }

    /** The JSON object that is signed (its RFC 8785 form). */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("node", node);
        json.put("epoch", epoch);
        json.put("throughSeq", throughSeq);
        json.put("headHash", headHash);
        json.put("covered", covered);
        json.put("time", time);
        json.put("keyId", keyId);
        json.put("alg", algorithm);
        if (version > 1) {
            // Format 1 checkpoints were signed without it; their signed form must stay what it was.
            json.put("v", version);
        }
        return json;
    }

    public static Checkpoint fromJson(Map<String, Object> json) {
        return new Checkpoint(Fields.string(json, "node"), Fields.string(json, "epoch"),
                Fields.integer(json, "throughSeq"), Fields.string(json, "headHash"), Fields.integer(json, "covered"),
                Fields.integer(json, "time"), Fields.string(json, "keyId"), Fields.string(json, "alg"),
                json.containsKey("v") ? Fields.integer(json, "v") : 1);
    }
}
