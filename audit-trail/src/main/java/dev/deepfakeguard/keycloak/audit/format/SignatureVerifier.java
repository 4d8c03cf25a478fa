package dev.deepfakeguard.keycloak.audit.format;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;

/**
 * Checks signatures of one public key. Made from the key alone, so the algorithm follows from the key's type
 * (Ed25519, RSA or EC) and a caller cannot pair a key with the wrong algorithm. A bad signature throws, as a failed
 * check must not be mistaken for a pass by a caller that forgets to look at a returned flag.
 */
public final class SignatureVerifier {

    private final PublicKey key;
    private final String algorithm;

    private SignatureVerifier(PublicKey key) {
        this.key = key;
        this.algorithm = AuditKeys.algorithmFor(key.getAlgorithm());
    }

    /** IllegalArgumentException for a key type the audit trail does not sign with. */
    public static SignatureVerifier of(PublicKey key) {
        return new SignatureVerifier(key);
    }

    /** The signature algorithm this key verifies, as checkpoints name it. */
    public String algorithm() {
        return algorithm;
    }

    /** Returns normally only for a valid signature of {@code data}; any bad or malformed signature throws. */
    public void verify(byte[] signatureBytes, byte[] data) throws GeneralSecurityException {
        Signature signature;
        try {
            signature = Signature.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available in this Java runtime", e);
        }
        signature.initVerify(key);
        signature.update(data);
        boolean valid;
        try {
            valid = signature.verify(signatureBytes);
        } catch (SignatureException e) {
            throw new GeneralSecurityException("malformed signature", e);
        }
        if (!valid) {
            throw new GeneralSecurityException("signature does not match");
        }
    }
}
