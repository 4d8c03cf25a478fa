package dev.deepfakeguard.keycloak.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One production-mode Keycloak node ({@code kc.sh start}) of the test cluster: its own copy of the distribution
 * (own {@code data/}, so its own audit installation id), its own HTTP, management and cluster transport ports, the
 * run's PostgreSQL database and Infinispan with JDBC-ping discovery.
 */
public final class ClusterNode {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final Path home;
    private final List<String> command;
    private final Path log;
    private final URI health;
    private final KeycloakServer server;
    private Process process;

    ClusterNode(String name, Path home, List<String> command, Path log, int httpPort, int managementPort) {
        this.name = name;
        this.home = home;
        this.command = command;
        this.log = log;
        this.health = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
        this.server = new KeycloakServer("http://127.0.0.1:" + httpPort, Optional.of(log));
    }

    public String name() {
        return name;
    }

    public KeycloakServer server() {
        return server;
    }

    public Path home() {
        return home;
    }

    public Path log() {
        return log;
    }

    /** Everything the node has logged so far. */
    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the process; {@link #awaitReady()} waits for it. */
    void start() {
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ItSettings.adminUsername());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ItSettings.adminPassword());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start cluster node " + name + "; log: " + log, e);
        }
    }

    void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Optional<Boolean> ready = Poll.until(ItSettings.startupTimeout(), () -> {
            if (!process.isAlive()) {
                return Optional.of(false);
            }
            return isUp(http) ? Optional.of(true) : Optional.empty();
        });
        if (!ready.orElse(false)) {
            String why = process.isAlive() ? "not ready in time" : "exited with " + process.exitValue();
            stop();
            throw new IllegalStateException("cluster node " + name + " " + why + "; log: " + log + "\n"
                    + KeycloakProcess.tail(log));
        }
    }

    private boolean isUp(HttpClient http) {
        try {
            HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /** The running node's processes: {@code kc.sh} and the JVM it started, for CPU accounting. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>(List.of(process.pid()));
        process.descendants().forEach(handle -> pids.add(handle.pid()));
        return pids;
    }

    /** Stops the node gracefully (SIGTERM), then forcibly if it does not end in time. */
    public void stop() {
        if (process != null) {
            KeycloakProcess.stop(process);
        }
    }

    /** SIGKILL to the node's whole process tree, as a crash: no shutdown hook, no flush; returns once all are gone. */
    public void kill() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            handle.onExit().orTimeout(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        }
    }

    /** Starts the stopped node again on the same ports and data; returns once it is ready. */
    public void restart() {
        stop();
        start();
        awaitReady();
    }
}
