package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The Keycloak distribution built once for PostgreSQL and clustering in a folder of its own, and the production-mode
 * nodes made from it: each a copy with its own {@code data/} (so its own audit installation id), its own HTTP,
 * management and cluster transport ports, on a given database, with Infinispan and JDBC-ping discovery.
 */
final class NodeInstallation {

    private final Path root;
    private final Path built;
    private final Path vault;

    private NodeInstallation(Path root, Path built, Path vault) {
        this.root = root;
        this.built = built;
        this.vault = vault;
    }

    /** Empties {@code folder} (under the harness's target folder), copies the distribution there and builds it. */
    static NodeInstallation build(String folder) throws IOException {
        Path root = ItSettings.keycloakLog().resolveSibling(folder);
        deleteTree(root);
        Files.createDirectories(root);
        Path built = root.resolve("built");
        run(List.of("cp", "-a", ItSettings.keycloakHome().toString(), built.toString()), root, "copy");
        deleteTree(built.resolve("data"));
        // Every build-time option the nodes start with, so that their start does not build again.
        run(List.of(built.resolve("bin/kc.sh").toString(), "build", "--db=postgres", "--health-enabled=true",
                "--vault=file"), built, "kc.sh build");
        return new NodeInstallation(root, built, Files.createDirectories(ItSettings.vaultDir()));
    }

    /** A node (not started) in its own copy of the built distribution, logging to {@code <name>.log}. */
    ClusterNode node(String name, PostgresDatabase database) throws IOException {
        Path home = root.resolve(name);
        run(List.of("cp", "-a", built.toString(), home.toString()), root, "copy");
        int http = freePort();
        int management = freePort();
        int transport = transportPort();
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start",
                "--db=postgres", "--cache=ispn", "--health-enabled=true",
                "--db-url=" + database.jdbcUrl(), "--db-username=" + PostgresDatabase.USER,
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + http,
                "--http-management-port=" + management, "--hostname-strict=false",
                "--cache-stack=jdbc-ping",
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + transport,
                "--vault=file", "--vault-dir=" + vault.toAbsolutePath(),
                "--spi-deepfake-guard-scorer--http--allowed-hosts=127.0.0.1",
                "--proxy-headers=xforwarded", "--proxy-trusted-addresses=127.0.0.1",
                "--db-pool-max-size=" + ItSettings.dbPoolMaxSize()));
        if (!PostgresDatabase.PASSWORD.isEmpty()) {
            command.add("--db-password=" + PostgresDatabase.PASSWORD);
        }
        return new ClusterNode(name, home, command, root.resolve(name + ".log"), http, management);
    }

    private static void run(List<String> command, Path directory, String what) throws IOException {
        Path output = directory.resolve(what.replace(' ', '-') + ".out");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        try {
            if (!process.waitFor(ItSettings.startupTimeout().toSeconds(), TimeUnit.SECONDS)
                    || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " failed: " + command + "; output: " + output + "\n"
                        + KeycloakProcess.tail(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.exists(path)) {
            run(List.of("rm", "-rf", path.toString()), path.getParent(), "clean");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * A port for the cluster transport below 15536: JGroups also binds the failure-detection socket at an offset
     * above it, which must stay a valid port.
     */
    private static int transportPort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(10_000, 15_000);
            if (free(port) && free(port + 100) && free(port + 50_000)) {
                return port;
            }
        }
        throw new IOException("no free cluster transport port found");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
