package dev.deepfakeguard.keycloak.events.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deepfakeguard.keycloak.audit.chain.AuditSigningKey;

class AuditKeySourceTest {

    private static final String PASSWORD = "changeit-audit";

    @TempDir
    Path dir;

    @Test
    @DisplayName("Given an RSA key of 2048 bits in the keystore, then start-up is refused with the reason")
    void refusesAShortRsaKey() throws Exception {
        Path keystore = keystore("RSA", 2048);

        assertThatThrownBy(() -> AuditKeySource.load(settings(keystore)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RSA key of 2048 bits").hasMessageContaining("at least 3072");
    }

    @Test
    void acceptsRsa3072AndEcP256() throws Exception {
        AuditSigningKey rsa = AuditKeySource.load(settings(keystore("RSA", 3072)));
        AuditSigningKey ec = AuditKeySource.load(settings(keystore("EC", 256)));

        assertThat(rsa.algorithm()).isEqualTo("SHA256withRSA");
        assertThat(ec.algorithm()).isEqualTo("SHA256withECDSA");
    }

    @Test
    @DisplayName("Given no keystore, then every start makes a new development key and warns about it, every time")
    void warnsAboutTheDevelopmentKeyAtEveryStart() {
        List<LogRecord> warnings = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(AuditKeySource.class.getName());
        logger.addHandler(capture);
        try {
            AuditSettings development = AuditSettings.from(new MapScope(Map.of("nodeId", "node-a")));

            AuditSigningKey first = AuditKeySource.load(development);
            AuditSigningKey second = AuditKeySource.load(development);

            assertThat(first.keyId()).isNotEqualTo(second.keyId());
            assertThat(warnings).hasSize(2)
                    .allSatisfy(w -> assertThat(formatted(w)).contains("DEVELOPMENT key"));
        } finally {
            logger.removeHandler(capture);
        }
    }

    private static String formatted(LogRecord record) {
        return new java.util.logging.SimpleFormatter().formatMessage(record);
    }

    private AuditSettings settings(Path keystore) {
        return AuditSettings.from(new MapScope(Map.of("keystore", keystore.toString(), "keystorePassword", PASSWORD,
                "nodeId", "node-a")));
    }

    /** A PKCS12 keystore made the way docs/audit.md tells operators to: with the JDK's keytool. */
    private Path keystore(String algorithm, int bits) throws IOException, InterruptedException {
        Path file = dir.resolve(algorithm + bits + ".p12");
        Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                        .toString(), "-genkeypair", "-alias", "deepfake-guard-audit", "-keyalg", algorithm,
                "-keysize", Integer.toString(bits), "-keystore", file.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-dname", "CN=Deepfake Guard audit", "-validity", "30"))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        return file;
    }
}
