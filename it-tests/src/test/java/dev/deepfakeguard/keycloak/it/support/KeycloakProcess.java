package dev.deepfakeguard.keycloak.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@code kc.sh start-dev} process from the distribution unpacked by the build, with the provider JAR in
 * {@code providers/} and the example realms in {@code data/import}. Closed by JUnit at the end of the run.
 */
final class KeycloakProcess implements ExtensionContext.Store.CloseableResource {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 80;

    /** Replaced by {@link #restart()}; the ports, the data folder and so the URL stay the same. */
    private Process process;
    private final KeycloakServer server;
    private final ProcessBuilder builder;
    private final URI health;
    private final Path log;

    private KeycloakProcess(Process process, KeycloakServer server, ProcessBuilder builder, URI health, Path log) {
        this.process = process;
        this.server = server;
        this.builder = builder;
        this.health = health;
        this.log = log;
    }

    KeycloakServer server() {
        return server;
    }

    static KeycloakProcess start() {
        Path home = ItSettings.keycloakHome();
        Path log = ItSettings.keycloakLog();
        Path kcSh = home.resolve("bin/kc.sh");
        if (!Files.isExecutable(kcSh)) {
            throw new IllegalStateException(kcSh + " is missing: the build unpacks the distribution in "
                    + "pre-integration-test");
        }
        try {
            prepareDataDir(home);
            Path vault = Files.createDirectories(ItSettings.vaultDir());
            int httpPort = freePort();
            int managementPort = freePort();
            List<String> command = new ArrayList<>(List.of(kcSh.toString(), "start-dev",
                    "--http-host=127.0.0.1",
                    "--http-port=" + httpPort,
                    "--http-management-port=" + managementPort,
                    "--hostname-strict=false",
                    "--health-enabled=true",
                    // start-dev's H2 keeps committed transactions in memory for up to WRITE_DELAY (500 ms) before
                    // writing them to the file, so a SIGKILL (AuditCrashIT) would lose logins the client already
                    // saw succeed, Keycloak's own session and event rows included. 0 writes at every commit, as a
                    // production database is durable at commit.
                    "--db-url-properties=;NON_KEYWORDS=VALUE;WRITE_DELAY=0",
                    // Secrets come from Keycloak's file vault, as docs/http-scorer.md and docs/lockout.md ask of
                    // production; literal secrets stay refused (no allow-literal-secrets switch).
                    "--vault=file",
                    "--vault-dir=" + vault.toAbsolutePath(),
                    // The http scorer may send a vault key only to hosts the operator names (docs/http-scorer.md).
                    "--spi-deepfake-guard-scorer--http--allowed-hosts=127.0.0.1",
                    "--import-realm"));
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ItSettings.adminUsername());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ItSettings.adminPassword());
            Process process = builder.start();
            URI health = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
            KeycloakProcess started = new KeycloakProcess(process,
                    new KeycloakServer("http://127.0.0.1:" + httpPort, Optional.of(log)), builder, health, log);
            started.awaitReady(health, log);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Keycloak; log: " + log.toAbsolutePath(), e);
        }
    }

    /** A fresh H2 database every run, so no realm, user or event leaks from the previous run. */
    private static void prepareDataDir(Path home) throws IOException {
        Path data = home.resolve("data");
        if (Files.exists(data)) {
            try (Stream<Path> paths = Files.walk(data)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Path imports = Files.createDirectories(data.resolve("import"));
        Path realms = ItSettings.realmsDir();
        if (Files.isDirectory(realms)) {
            try (Stream<Path> files = Files.list(realms)) {
                for (Path realm : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                    Files.copy(realm, imports.resolve(realm.getFileName()));
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Stops the server and starts it again on the same database (the data folder is kept, realm import skips realms
     * that exist), for stories about state surviving a restart. The new output is appended to the same log.
     */
    synchronized void restart() {
        restart(dataDir -> { });
    }

    /** {@link #restart()} with {@code whileDown} run on the data folder between the stop and the start. */
    synchronized void restart(java.util.function.Consumer<Path> whileDown) {
        close();
        whileDown.accept(ItSettings.keycloakHome().resolve("data"));
        try {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not restart Keycloak; log: " + log.toAbsolutePath(), e);
        }
        awaitReady(health, log);
    }

    /**
     * Kills the server abruptly, as a crash or {@code kill -9} would: SIGKILL to the JVM (a child of kc.sh, or kc.sh
     * itself after it exec'd a re-augmented start) and to kc.sh, no shutdown hook, no graceful stop, no flush.
     * Returns once every process of the tree is gone; {@link #restart()} starts the server again on the same data.
     */
    synchronized void kill() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        tree.add(process.toHandle());
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while killing Keycloak", e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("Keycloak process " + handle.pid() + " survived SIGKILL", e);
            }
        }
    }

    private void awaitReady(URI health, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Duration timeout = ItSettings.startupTimeout();
        Optional<Boolean> ready = Poll.until(timeout, () -> {
            if (!process.isAlive()) {
                return Optional.of(false);
            }
            return isUp(http, health) ? Optional.of(true) : Optional.empty();
        });
        if (ready.orElse(false)) {
            return;
        }
        String why = process.isAlive() ? "not ready after " + timeout.toSeconds() + " s"
                : "exited with " + process.exitValue();
        close();
        throw new IllegalStateException("Keycloak " + why + "; log: " + log.toAbsolutePath() + "\n--- last "
                + LOG_TAIL_LINES + " lines ---\n" + tail(log));
    }

    private static boolean isUp(HttpClient http, URI health) {
        try {
            HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet: exactly what polling is for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Keycloak", e);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        // kc.sh execs java, but stop any helper it forked as well.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
