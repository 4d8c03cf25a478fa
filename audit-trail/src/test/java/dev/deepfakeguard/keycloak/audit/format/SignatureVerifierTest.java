package dev.deepfakeguard.keycloak.audit.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.deepfakeguard.keycloak.audit.chain.AuditSigningKey;

class SignatureVerifierTest {

    @ParameterizedTest
    @CsvSource({"Ed25519, Ed25519", "RSA, SHA256withRSA", "EC, SHA256withECDSA"})
    void takesTheAlgorithmFromTheKeyAndAcceptsItsOwnSignature(String keyType, String algorithm) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance(keyType).generateKeyPair();
        AuditSigningKey key = AuditSigningKey.of(pair.getPrivate(), pair.getPublic());
        Checkpoint checkpoint = new Checkpoint("node-a", "e-1", 3, "0".repeat(64), 3, 1000, key.keyId(),
                key.algorithm());
        byte[] signed = CanonicalJson.bytes(checkpoint.toJson());

        SignatureVerifier verifier = SignatureVerifier.of(pair.getPublic());

        assertThat(verifier.algorithm()).isEqualTo(algorithm);
        assertThatCode(() -> verifier.verify(Base64.getDecoder().decode(key.sign(checkpoint)), signed))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsASignatureOfOtherDataAnotherKeysSignatureAndGarbage() throws Exception {
        AuditSigningKey key = AuditSigningKey.generateEd25519();
        AuditSigningKey other = AuditSigningKey.generateEd25519();
        Checkpoint checkpoint = new Checkpoint("node-a", "e-1", 3, "0".repeat(64), 3, 1000, key.keyId(),
                key.algorithm());
        byte[] signed = CanonicalJson.bytes(checkpoint.toJson());
        byte[] signature = Base64.getDecoder().decode(key.sign(checkpoint));
        SignatureVerifier verifier = SignatureVerifier.of(key.publicKey());

        byte[] tampered = Arrays.copyOf(signed, signed.length);
        tampered[tampered.length - 2] ^= 1;
        assertThatThrownBy(() -> verifier.verify(signature, tampered)).isInstanceOf(GeneralSecurityException.class);
        Checkpoint othersCheckpoint = new Checkpoint("node-a", "e-1", 3, "0".repeat(64), 3, 1000, other.keyId(),
                other.algorithm());
        assertThatThrownBy(() -> verifier.verify(Base64.getDecoder().decode(other.sign(othersCheckpoint)), signed))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> verifier.verify("not a signature".getBytes(StandardCharsets.UTF_8), signed))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> verifier.verify(new byte[0], signed)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void refusesAKeyTypeTheAuditTrailDoesNotSignWith() throws Exception {
        KeyPair dsa = KeyPairGenerator.getInstance("DSA").generateKeyPair();

        assertThatThrownBy(() -> SignatureVerifier.of(dsa.getPublic())).isInstanceOf(IllegalArgumentException.class);
    }
}
