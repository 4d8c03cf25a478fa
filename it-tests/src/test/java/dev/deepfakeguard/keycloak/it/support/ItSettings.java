package dev.deepfakeguard.keycloak.it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Paths and switches handed to the tests by Failsafe (see it-tests/pom.xml), read in one place. */
public final class ItSettings {

    /** Base URL of an already running Keycloak, e.g. {@code http://127.0.0.1:8080}, for fast local iteration. */
    public static final String EXTERNAL_URL = "dfg.it.keycloakUrl";

    private ItSettings() {
    }

    public static Path keycloakHome() {
        return Path.of(required("dfg.it.keycloakHome"));
    }

    public static Path keycloakLog() {
        return Path.of(required("dfg.it.keycloakLog"));
    }

    public static Path realmsDir() {
        return Path.of(required("dfg.it.realmsDir"));
    }

    /** Keycloak's file vault ({@code --vault=file}): one file per secret, written by the stories that need one. */
    public static Path vaultDir() {
        return Path.of(required("dfg.it.vaultDir"));
    }

    /** Where failing tests leave screenshots, page sources and response bodies. */
    public static Path artifactsDir() {
        return Path.of(System.getProperty("dfg.it.artifactsDir", "target/it-artifacts"));
    }

    public static Path chromiumBinary() {
        return Path.of(System.getProperty("dfg.it.chromiumBinary", "/usr/bin/chromium"));
    }

    public static Path chromedriverBinary() {
        return Path.of(System.getProperty("dfg.it.chromedriverBinary", "/usr/bin/chromedriver"));
    }

    public static Optional<String> externalKeycloakUrl() {
        return Optional.ofNullable(System.getProperty(EXTERNAL_URL)).filter(url -> !url.isBlank());
    }

    /**
     * How long the server may take to become ready; start-dev re-augments with the provider JAR, slow on 2 CPUs
     * (150-165 s measured while other builds kept the machine at a load of 15-20).
     */
    public static Duration startupTimeout() {
        return Duration.ofSeconds(Long.getLong("dfg.it.startupTimeoutSeconds", 600));
    }

    /**
     * Largest database connection pool of the server ({@code --db-pool-max-size}). Small on purpose: Keycloak's
     * default of 100 hides what happens when requests outnumber connections, and the stories with 20 and 40
     * concurrent sign-ins must hold up when they do. Sequential stories need a handful.
     */
    public static int dbPoolMaxSize() {
        return Integer.getInteger("dfg.it.dbPoolMaxSize", 10);
    }

    /**
     * Options appended to the server's command line, separated by spaces: e.g. the load driver turns theme caching
     * back on, which {@code start-dev} turns off.
     */
    public static java.util.List<String> extraServerArgs() {
        String args = System.getProperty("dfg.it.serverArgs", "").trim();
        return args.isEmpty() ? java.util.List.of() : java.util.List.of(args.split("\\s+"));
    }

    /** Admin of the master realm; for an external server pass -Ddfg.it.adminPassword=… as well. */
    public static String adminUsername() {
        return System.getProperty("dfg.it.adminUsername", "admin");
    }

    public static String adminPassword() {
        return System.getProperty("dfg.it.adminPassword", "admin");
    }

    private static String required(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + key + " is not set: run the ITs through Failsafe "
                    + "(mvn -B verify -pl it-tests -am)");
        }
        return value;
    }
}
