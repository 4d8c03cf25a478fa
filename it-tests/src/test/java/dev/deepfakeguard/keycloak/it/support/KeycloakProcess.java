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
    /**
     * The ports are found free before Keycloak binds them, tens of seconds later on a busy machine; another process
     * may take one in between. Keycloak then exits at once, and a start on fresh ports is a new start, not a retry
     * of something that failed on its own.
     */
    private static final int PORT_ATTEMPTS = 3;
    private static final List<String> PORT_TAKEN = List.of("Address already in use", "Port already bound",
            "seems to be in use by another process");

    /** Replaced by {@link #restart()}; the ports, the data folder and so the URL stay the same. */
    private Process process;
    private final KeycloakServer server;
    private final ProcessBuilder builder;
    /** The command of the first start; {@link #restartWith} appends options to this, never to the previous ones. */
    private final List<String> baseCommand;
    /** The options {@link #start} or {@link #restartWith} added to {@link #baseCommand}. */
    private List<String> options = List.of();
    private final URI health;
    private final Path log;

    private KeycloakProcess(Process process, KeycloakServer server, ProcessBuilder builder, URI health, Path log,
                            List<String> options) {
        this.process = process;
        this.server = server;
        this.builder = builder;
        List<String> command = builder.command();
        this.baseCommand = List.copyOf(command.subList(0, command.size() - options.size()));
        this.options = List.copyOf(options);
        this.health = health;
        this.log = log;
    }

    KeycloakServer server() {
        return server;
    }

    /** Starts with {@code options} added to the run's command line (see {@link #restartWith}). */
    static KeycloakProcess start(List<String> options) {
        Path home = ItSettings.keycloakHome();
        Path log = ItSettings.keycloakLog();
        Path kcSh = home.resolve("bin/kc.sh");
        if (!Files.isExecutable(kcSh)) {
            throw new IllegalStateException(kcSh + " is missing: the build unpacks the distribution in "
                    + "pre-integration-test");
        }
        try {
            Files.createDirectories(log.getParent());
            stopLeftoverOfPreviousRun(home);
            Files.deleteIfExists(log);
            for (int attempt = 1; ; attempt++) {
                try {
                    return startOnFreePorts(home, kcSh, log, options);
                } catch (PortTakenException e) {
                    if (attempt == PORT_ATTEMPTS) {
                        throw e;
                    }
                    System.err.println("Keycloak could not bind its port (" + e.getMessage().lines().findFirst()
                            .orElse("") + "); starting again on other free ports");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Keycloak; log: " + log.toAbsolutePath(), e);
        }
    }

    private static KeycloakProcess startOnFreePorts(Path home, Path kcSh, Path log, List<String> options)
            throws IOException {
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
                // Deepfake Guard's meters on /metrics of the management port (MetricsIT, docs/metrics.md).
                "--metrics-enabled=true",
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
                // As behind a reverse proxy: the client address comes from X-Forwarded-For, trusted only from
                // loopback. Requests without the header keep their own address, so only stories that send it
                // (source-address lockout) see a difference.
                "--proxy-headers=xforwarded",
                "--proxy-trusted-addresses=127.0.0.1",
                "--db-pool-max-size=" + ItSettings.dbPoolMaxSize(),
                "--import-realm"));
        command.addAll(ItSettings.extraServerArgs());
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ItSettings.adminUsername());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ItSettings.adminPassword());
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        Process process = builder.start();
        URI health = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
        KeycloakProcess started = new KeycloakProcess(process,
                new KeycloakServer("http://127.0.0.1:" + httpPort, Optional.of(log),
                        Optional.of("http://127.0.0.1:" + managementPort)), builder, health, log, options);
        started.recordPids();
        started.awaitReady(health, log, logStart);
        started.recordPids(); // kc.sh may have started the server JVM only after the first look
        return started;
    }

    /**
     * A run whose test JVM was killed (a Failsafe timeout, Ctrl-C) cannot stop its Keycloak, which then keeps a core
     * and a gigabyte busy on a shared machine. The process ids of this build's server are kept beside its log; a
     * process still running under one of them with this distribution's home in its command line is that server.
     */
    private static void stopLeftoverOfPreviousRun(Path home) throws IOException {
        Path pids = pidFile();
        if (!Files.exists(pids)) {
            return;
        }
        String homeText = home.toAbsolutePath().toString();
        for (String line : Files.readAllLines(pids, StandardCharsets.UTF_8)) {
            ProcessHandle.of(Long.parseLong(line.trim()))
                    .filter(handle -> handle.info().commandLine().map(c -> c.contains(homeText)).orElse(false))
                    .ifPresent(handle -> {
                        System.err.println("stopping Keycloak " + handle.pid() + " left running by a previous run");
                        handle.destroyForcibly();
                        handle.onExit().orTimeout(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
                    });
        }
        Files.delete(pids);
    }

    private void recordPids() {
        List<String> pids = new ArrayList<>();
        pids.add(Long.toString(process.pid()));
        process.descendants().forEach(child -> pids.add(Long.toString(child.pid())));
        try {
            Files.write(pidFile(), pids, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not record Keycloak's process ids in " + pidFile(), e);
        }
    }

    static Path pidFile() {
        return ItSettings.keycloakLog().resolveSibling("keycloak.pids");
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

    /**
     * Restarts on the same database and ports with {@code options} added to the command line of the first start
     * (server-wide SPI options, e.g. the face matcher's model); an empty list restores that command. The options
     * stay in force for later {@link #restart()}s until the next call.
     */
    synchronized void restartWith(List<String> options) {
        List<String> command = new ArrayList<>(baseCommand);
        command.addAll(options);
        builder.command(command);
        restart();
        this.options = List.copyOf(options);
    }

    /** {@link #restartWith} unless the server already runs with exactly {@code options}; whether it restarted. */
    synchronized boolean ensureOptions(List<String> wanted) {
        if (options.equals(wanted)) {
            return false;
        }
        restartWith(wanted);
        return true;
    }

    /** {@link #restart()} with {@code whileDown} run on the data folder between the stop and the start. */
    synchronized void restart(java.util.function.Consumer<Path> whileDown) {
        close();
        whileDown.accept(ItSettings.keycloakHome().resolve("data"));
        long logStart;
        try {
            logStart = Files.size(log);
            process = builder.start();
            recordPids();
        } catch (IOException e) {
            throw new UncheckedIOException("could not restart Keycloak; log: " + log.toAbsolutePath(), e);
        }
        awaitReady(health, log, logStart);
        recordPids();
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

    /** Polls the health endpoint; {@code logStart} is where this start's output begins in the log. */
    private void awaitReady(URI health, Path log, long logStart) {
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
        boolean exited = !process.isAlive();
        String why = exited ? "exited with " + process.exitValue() : "not ready after " + timeout.toSeconds() + " s";
        close();
        String message = "Keycloak " + why + "; log: " + log.toAbsolutePath() + "\n--- last " + LOG_TAIL_LINES
                + " lines ---\n" + tail(log);
        String output = since(log, logStart);
        if (exited && PORT_TAKEN.stream().anyMatch(output::contains)) {
            throw new PortTakenException(message);
        }
        throw new IllegalStateException(message);
    }

    /** The log from {@code offset} on: what one start wrote. */
    private static String since(Path log, long offset) {
        try {
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + log, e);
        }
    }

    /** Keycloak exited because a port it was given had been taken since it was found free. */
    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(String message) {
            super(message);
        }
    }

    private static boolean isUp(HttpClient http, URI health) {
        try {
            // A starting server on a busy machine can take seconds to answer; a probe that gives up sooner only
            // delays the next one.
            HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).GET().build();
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
        stop(process);
    }

    /** SIGTERM to a Keycloak process and what it forked, then SIGKILL to whatever did not end in time. */
    static void stop(Process process) {
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
