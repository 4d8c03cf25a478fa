package dev.deepfakeguard.keycloak.events.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;

import org.jboss.logging.Logger;

import dev.deepfakeguard.keycloak.audit.chain.AuditSigningKey;

/** Loads the operator's audit key from the configured keystore, or makes a development key and says so loudly. */
final class AuditKeySource {

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
}
