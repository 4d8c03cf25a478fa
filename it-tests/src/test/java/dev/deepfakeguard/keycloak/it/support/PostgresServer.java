package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, made with the installed binaries ({@code initdb}, {@code pg_ctl}) in a
 * temporary directory, listening on a free loopback port with trust authentication: a server the fault stories may
 * stop and start while Keycloak uses it, without touching the machine's shared server that other runs use.
 * {@code initdb} refuses to run as root, so as root every command runs as the {@code postgres} user.
 */
public final class PostgresServer implements AutoCloseable {

    /** Mode of {@code pg_ctl stop}: {@code fast} rolls back open transactions and shuts down cleanly. */
    public static final String FAST = "fast";
    /** Mode of {@code pg_ctl stop}: {@code immediate} aborts like a crash; the next start replays the WAL. */
    public static final String IMMEDIATE = "immediate";
    private static final long COMMAND_SECONDS = 120;

    private final Path bin;
    private final Path root;
    private final Path data;
    private final int port;

    private PostgresServer(Path bin, Path root, int port) {
        this.bin = bin;
        this.root = root;
        this.data = root.resolve("data");
        this.port = port;
    }

    /** initdb into a new temporary directory, then start on a free port; returns once it accepts connections. */
    public static PostgresServer start() {
        try {
            Path root = Files.createTempDirectory("dfg-it-postgres-");
            if (asRoot()) {
                run(List.of("chown", "postgres:postgres", root.toString()), "chown");
            }
            PostgresServer server = new PostgresServer(binaries(), root, freePort());
            server.pg("initdb", "-D", server.data.toString(), "-U", PostgresDatabase.USER, "-A", "trust",
                    "-E", "UTF8", "--no-instructions");
            server.startAgain();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not make a PostgreSQL server of the test's own", e);
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** Stops the server with {@code mode} ({@link #FAST} or {@link #IMMEDIATE}); returns once it is down. */
    public void stop(String mode) {
        pg("pg_ctl", "-D", data.toString(), "-m", mode, "-w", "stop");
    }

    /** Starts the stopped server on the same port and data; returns once it accepts connections. */
    public void startAgain() {
        pg("pg_ctl", "-D", data.toString(), "-l", root.resolve("server.log").toString(), "-w", "-t", "90",
                "-o", "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1 -c max_connections=200",
                "start");
    }

    @Override
    public void close() {
        try {
            pg("pg_ctl", "-D", data.toString(), "-m", IMMEDIATE, "-w", "stop");
        } catch (IllegalStateException e) {
            // already down
        }
        try {
            run(List.of("rm", "-rf", root.toString()), "rm");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pg(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (asRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        try {
            run(command, program);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> command, String what) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " failed: " + command + "\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** {@code dfg.it.postgresBin}, else the newest {@code /usr/lib/postgresql/<version>/bin}. */
    private static Path binaries() throws IOException {
        String configured = System.getProperty("dfg.it.postgresBin");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path installed = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(installed)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent())))
                    .orElseThrow(() -> new IOException("no initdb under " + installed
                            + "; set -Ddfg.it.postgresBin"));
        }
    }

    private static int versionOf(Path directory) {
        try {
            return Integer.parseInt(directory.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
