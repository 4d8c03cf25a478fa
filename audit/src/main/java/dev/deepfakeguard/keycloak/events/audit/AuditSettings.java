package dev.deepfakeguard.keycloak.events.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

import org.keycloak.Config;

import dev.deepfakeguard.keycloak.audit.format.Fields;

/**
 * Server-wide options of the audit listener ({@code spi-events-listener--deepfake-guard-audit--*}), read once at
 * start. The keystore password is kept out of {@link #toString()}.
 */
record AuditSettings(String nodeId, Optional<String> keystore, String keystoreType, char[] keystorePassword,
                     String keyAlias, char[] keyPassword, boolean required, long chainIntervalMillis,
                     long heartbeatMillis, int batchSize, Optional<Path> witnessDir) {

    AuditSettings {
        Fields.requireId("nodeId", nodeId);
        if (chainIntervalMillis < 100 || chainIntervalMillis > 60_000) {
            throw new IllegalArgumentException("chainIntervalMillis must be 100-60000");
        }
        if (heartbeatMillis < chainIntervalMillis || heartbeatMillis > 3_600_000) {
            throw new IllegalArgumentException("heartbeatMillis must be chainIntervalMillis-3600000");
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("batchSize must be 1-100000");
        }
    }

    static AuditSettings from(Config.Scope config) {
        char[] storePassword = Optional.ofNullable(config.get("keystorePassword")).orElse("").toCharArray();
        Optional<Path> witnessDir = Optional.ofNullable(config.get("witnessDir")).filter(s -> !s.isBlank())
                .map(Path::of).or(AuditSettings::defaultWitnessDir);
        return new AuditSettings(
                Optional.ofNullable(config.get("nodeId")).filter(s -> !s.isBlank())
                        .orElseGet(() -> NodeIdentity.resolve(witnessDir, host(), new SecureRandom())),
                Optional.ofNullable(config.get("keystore")).filter(s -> !s.isBlank()),
                config.get("keystoreType", "PKCS12"),
                storePassword,
                config.get("keyAlias", "deepfake-guard-audit"),
                Optional.ofNullable(config.get("keyPassword")).map(String::toCharArray).orElse(storePassword),
                config.getBoolean("required", false),
                config.getLong("chainIntervalMillis", 1000L),
                config.getLong("heartbeatMillis", 60_000L),
                config.getInt("batchSize", 5000),
                witnessDir);
    }

    /** Keycloak's data folder ({@code data/} of the distribution), where the node keeps its own files. */
    private static Optional<Path> defaultWitnessDir() {
        return Optional.ofNullable(System.getProperty("jboss.server.data.dir")).map(Path::of)
                .or(() -> Optional.ofNullable(System.getProperty("kc.home.dir")).map(home -> Path.of(home, "data")))
                .map(data -> data.resolve("deepfake-guard-audit"));
    }

    private static String host() {
        try {
            return NodeIdentity.host(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            return "node";
        }
    }

    @Override
    public String toString() {
        return "AuditSettings[nodeId=" + nodeId + ", keystore=" + keystore.orElse("(development key)")
                + ", keyAlias=" + keyAlias + ", required=" + required + ", chainIntervalMillis=" + chainIntervalMillis
                + ", heartbeatMillis=" + heartbeatMillis + ", batchSize=" + batchSize + ", witnessDir="
                + witnessDir.map(Path::toString).orElse("(none)") + "]";
    }
}
