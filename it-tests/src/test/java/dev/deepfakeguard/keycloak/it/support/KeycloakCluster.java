package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two Keycloak nodes on one PostgreSQL database, clustered by Infinispan with JDBC-ping discovery, started once per
 * run and only for the stories that ask for it ({@link ClusterExtension}). The distribution is built once for
 * PostgreSQL and clustering, then copied per node so that each has its own {@code data/}.
 */
public final class KeycloakCluster implements ExtensionContext.Store.CloseableResource {

    /** Infinispan's log line for a view; "(2)" is its member count. */
    private static final Pattern TWO_MEMBER_VIEW = Pattern.compile("ISPN000094: Received new cluster view[^\\n]*\\(2\\)");
    private static final Duration VIEW_BOUND = Duration.ofSeconds(180);

    private final PostgresDatabase database;
    private final List<ClusterNode> nodes;
    private final List<AdminClient> admins = new ArrayList<>();

    private KeycloakCluster(PostgresDatabase database, List<ClusterNode> nodes) {
        this.database = database;
        this.nodes = nodes;
        nodes.forEach(node -> admins.add(new AdminClient(node.server())));
    }

    static KeycloakCluster start() {
        PostgresDatabase database = PostgresDatabase.create();
        List<ClusterNode> nodes = new ArrayList<>();
        try {
            Path root = ItSettings.keycloakLog().resolveSibling("keycloak-cluster");
            deleteTree(root);
            Files.createDirectories(root);
            Path built = root.resolve("built");
            run(List.of("cp", "-a", ItSettings.keycloakHome().toString(), built.toString()), root, "copy");
            deleteTree(built.resolve("data"));
            // Every build-time option the nodes start with, so that their start does not build again.
            run(List.of(built.resolve("bin/kc.sh").toString(), "build", "--db=postgres", "--health-enabled=true",
                    "--vault=file"), built, "kc.sh build");
            Path vault = Files.createDirectories(ItSettings.vaultDir());
            for (String name : List.of("node-a", "node-b")) {
                Path home = root.resolve(name);
                run(List.of("cp", "-a", built.toString(), home.toString()), root, "copy");
                nodes.add(node(name, home, root.resolve(name + ".log"), database, vault));
            }
            // One after the other: the first creates the schema, the second joins its cluster.
            for (ClusterNode node : nodes) {
                node.start();
                node.awaitReady();
            }
            KeycloakCluster cluster = new KeycloakCluster(database, nodes);
            cluster.awaitTwoMemberView();
            return cluster;
        } catch (IOException | RuntimeException e) {
            nodes.forEach(ClusterNode::stop);
            database.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static ClusterNode node(String name, Path home, Path log, PostgresDatabase database, Path vault)
            throws IOException {
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
        return new ClusterNode(name, home, command, log, http, management);
    }

    public List<ClusterNode> nodes() {
        return nodes;
    }

    public ClusterNode node(int index) {
        return nodes.get(index);
    }

    /** The admin client of node {@code index}: realms and users are shared, so either sees what the other made. */
    public AdminClient admin(int index) {
        return admins.get(index);
    }

    public String databaseName() {
        return database.name();
    }

    /** Waits until a node has logged a cluster view with both members; fails after the bound. */
    public void awaitTwoMemberView() {
        Optional<Boolean> formed = Poll.until(VIEW_BOUND, () -> nodes.stream()
                .anyMatch(node -> TWO_MEMBER_VIEW.matcher(node.logText()).find()) ? Optional.of(true)
                : Optional.empty());
        if (formed.isEmpty()) {
            throw new IllegalStateException("the two Keycloak nodes formed no cluster within " + VIEW_BOUND
                    + "; logs: " + nodes.stream().map(n -> n.log().toString()).toList());
        }
    }

    /** The view lines the nodes logged, e.g. for a test to show the members. */
    public List<String> viewLines() {
        List<String> lines = new ArrayList<>();
        for (ClusterNode node : nodes) {
            node.logText().lines().filter(line -> line.contains("ISPN000094")).forEach(lines::add);
        }
        return lines;
    }

    @Override
    public void close() {
        nodes.forEach(ClusterNode::stop);
        database.close();
    }

    private static void run(List<String> command, Path directory, String what) throws IOException {
        Path output = directory.resolve(what.replace(' ', '-') + ".out");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        try {
            if (!process.waitFor(ItSettings.startupTimeout().toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
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
