package dev.deepfakeguard.keycloak.events.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

import org.jboss.logging.Logger;

import dev.deepfakeguard.keycloak.audit.chain.AuditSigningKey;

/**
 * Loads the operator's audit key from the configured keystore, or makes a development key and says so loudly — at
 * every start, since every start makes a new one. Keys weaker than 128-bit security (RSA below 3072 bits, EC below
 * 256 bits; NIST SP 800-57 part 1) are refused: checkpoints must stay unforgeable for as long as the trail is kept.
 */
final class AuditKeySource {

    static final int MIN_RSA_BITS = 3072;
    static final int MIN_EC_BITS = 256;
    private static final Logger LOG = Logger.getLogger(AuditKeySource.class);

    private AuditKeySource() {
    }

    static AuditSigningKey load(AuditSettings settings) {
        if (settings.keystore().isEmpty()) {
            AuditSigningKey key = AuditSigningKey.generateEd25519();
            LOG.warnf("%n%s%nDEEPFAKE GUARD AUDIT: NO AUDIT KEYSTORE CONFIGURED. Checkpoints are signed with a "
                    + "DEVELOPMENT key (%s) generated for this process only; anyone with database access can forge "
                    + "the manifest. Configure spi-events-listener--deepfake-guard-audit--keystore for production."
                    + "%n%s", "!".repeat(100), key.keyId(), "!".repeat(100));
            return key;
        }
        Path path = Path.of(settings.keystore().get());
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(settings.keystoreType());
            store.load(in, settings.keystorePassword());
            Key key = store.getKey(settings.keyAlias(), settings.keyPassword());
            Certificate certificate = store.getCertificate(settings.keyAlias());
            if (!(key instanceof PrivateKey privateKey) || certificate == null) {
                throw new IllegalStateException("audit keystore " + path + " has no private key with certificate "
                        + "under alias " + settings.keyAlias());
            }
            requireStrongEnough(certificate.getPublicKey(), path, settings.keyAlias());
            AuditSigningKey signingKey = AuditSigningKey.of(privateKey, certificate.getPublicKey());
            LOG.infof("Deepfake Guard audit key %s (%s) loaded from %s", signingKey.keyId(),
                    signingKey.algorithm(), path);
            return signingKey;
        } catch (IOException | GeneralSecurityException e) {
            // The message of a wrong password names no secret; the exception class tells the operator what failed.
            throw new IllegalStateException("cannot load the audit key from " + path + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static void requireStrongEnough(PublicKey key, Path path, String alias) {
        String weakness = null;
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            weakness = "an RSA key of " + rsa.getModulus().bitLength() + " bits (at least " + MIN_RSA_BITS
                    + " required)";
        } else if (key instanceof ECPublicKey ec && ec.getParams().getOrder().bitLength() < MIN_EC_BITS) {
            weakness = "an EC key of " + ec.getParams().getOrder().bitLength() + " bits (at least " + MIN_EC_BITS
                    + " required)";
        }
        if (weakness != null) {
            String message = "the audit key '" + alias + "' in " + path + " is " + weakness + "; generate an "
                    + "Ed25519, RSA-" + MIN_RSA_BITS + " or EC P-256 key (docs/audit.md, Keys and rotation)";
            LOG.errorf("DEEPFAKE GUARD AUDIT REFUSES TO START: %s", message);
            throw new IllegalStateException(message);
        }
    }
}
