package dev.deepfakeguard.keycloak.audit.format;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Key ids and signatures of checkpoints. The key id is derived from the public key (first 128 bits of the SHA-256
 * of its X.509 SubjectPublicKeyInfo), so a manifest cannot claim an id for a different key.
 */
public final class AuditKeys {

    public static final String ED25519 = "Ed25519";
    public static final String RS256 = "SHA256withRSA";
    public static final String ES256 = "SHA256withECDSA";

    private AuditKeys() {
    }

    public static String keyId(PublicKey key) {
        return keyId(key.getEncoded());
    }

    public static String keyId(byte[] subjectPublicKeyInfo) {
        return "k-" + Digests.sha256Hex(subjectPublicKeyInfo).substring(0, 32);
    }

    /** Signature algorithm for a key, by its type: Ed25519, RSA (PKCS#1 v1.5 SHA-256) or EC (ECDSA SHA-256). */
    public static String algorithmFor(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "Ed25519", "EdDSA" -> ED25519;
            case "RSA" -> RS256;
            case "EC" -> ES256;
            default -> throw new IllegalArgumentException("unsupported audit key type " + keyAlgorithm
                    + " (use Ed25519, RSA or EC)");
        };
    }

    static String keyFactoryAlgorithm(String signatureAlgorithm) {
        return switch (signatureAlgorithm) {
            case ED25519 -> "Ed25519";
            case RS256 -> "RSA";
            case ES256 -> "EC";
            default -> throw new IllegalArgumentException("unsupported signature algorithm " + signatureAlgorithm);
        };
    }

    public static byte[] sign(PrivateKey key, String algorithm, byte[] data) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign with " + algorithm + ": " + e.getMessage(), e);
        }
    }

    /** Decodes a base64 SubjectPublicKeyInfo for a signature algorithm; IllegalArgumentException when malformed. */
    public static PublicKey publicKey(String algorithm, String base64Spki) {
        try {
            byte[] der = Base64.getDecoder().decode(base64Spki);
            return KeyFactory.getInstance(keyFactoryAlgorithm(algorithm)).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("public key is not a base64 X.509 " + algorithm + " key");
        }
    }
}
