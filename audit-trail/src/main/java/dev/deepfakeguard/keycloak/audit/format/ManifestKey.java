package dev.deepfakeguard.keycloak.audit.format;

import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/** One public key of the key manifest: which key signs which checkpoints, from when, on which node. */
public record ManifestKey(String keyId, String algorithm, PublicKey publicKey, long firstUsed, String node) {

    public ManifestKey {
        Fields.requireId("keyId", keyId);
        Fields.requireId("node", node);
        if (!keyId.equals(AuditKeys.keyId(publicKey))) {
            throw new IllegalArgumentException("key id " + keyId + " does not match its public key");
        }
        AuditKeys.keyFactoryAlgorithm(algorithm);
    }

    public static ManifestKey of(PublicKey key, long firstUsed, String node) {
        return new ManifestKey(AuditKeys.keyId(key), AuditKeys.algorithmFor(key.getAlgorithm()), key, firstUsed, node);
    }

    /** Checks signatures made with this key. */
    public SignatureVerifier verifier() {
        return SignatureVerifier.of(publicKey);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("keyId", keyId);
        json.put("alg", algorithm);
        json.put("publicKey", Base64.getEncoder().encodeToString(publicKey.getEncoded()));
        json.put("firstUsed", firstUsed);
        json.put("node", node);
        return json;
    }

    public static ManifestKey fromJson(Map<String, Object> json) {
        String algorithm = Fields.string(json, "alg");
        return new ManifestKey(Fields.string(json, "keyId"), algorithm,
                AuditKeys.publicKey(algorithm, Fields.string(json, "publicKey")), Fields.integer(json, "firstUsed"),
                Fields.string(json, "node"));
    }
}
