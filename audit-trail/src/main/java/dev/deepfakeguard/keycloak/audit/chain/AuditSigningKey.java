package dev.deepfakeguard.keycloak.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;

import dev.deepfakeguard.keycloak.audit.format.AuditKeys;
import dev.deepfakeguard.keycloak.audit.format.CanonicalJson;
import dev.deepfakeguard.keycloak.audit.format.Checkpoint;

/** The private key that signs checkpoints, with its public half and key id. Never prints the private key. */
public final class AuditSigningKey {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;
    private final String algorithm;

    private AuditSigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = AuditKeys.keyId(publicKey);
        this.algorithm = AuditKeys.algorithmFor(publicKey.getAlgorithm());
    }

    public static AuditSigningKey of(PrivateKey privateKey, PublicKey publicKey) {
        if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
            throw new IllegalArgumentException("private and public key are of different types");
        }
        return new AuditSigningKey(privateKey, publicKey);
    }

    /** A fresh Ed25519 key: for development and tests only, it dies with the process. */
    public static AuditSigningKey generateEd25519() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new AuditSigningKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public String algorithm() {
        return algorithm;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** Base64 signature over the checkpoint's RFC 8785 form. */
    public String sign(Checkpoint checkpoint) {
        if (!keyId.equals(checkpoint.keyId()) || !algorithm.equals(checkpoint.algorithm())) {
            throw new IllegalArgumentException("checkpoint names key " + checkpoint.keyId() + ", this is " + keyId);
        }
        byte[] data = CanonicalJson.write(checkpoint.toJson()).getBytes(StandardCharsets.UTF_8);
        return Base64.getEncoder().encodeToString(AuditKeys.sign(privateKey, algorithm, data));
    }

    @Override
    public String toString() {
        return "AuditSigningKey[" + keyId + ", " + algorithm + "]";
    }
}
