package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A database of its own for one run on the machine's PostgreSQL (127.0.0.1:5432, user postgres), or on a
 * {@link PostgresServer} of the test's own, made with a name no other run uses and dropped when the run ends. Opened with the PostgreSQL driver that ships with the Keycloak
 * distribution, so the tests need no driver of their own.
 */
final class PostgresDatabase implements AutoCloseable {

    static final String HOST = System.getProperty("dfg.it.postgresHost", "127.0.0.1");
    static final int PORT = Integer.getInteger("dfg.it.postgresPort", 5432);
    static final String USER = System.getProperty("dfg.it.postgresUser", "postgres");
    static final String PASSWORD = System.getProperty("dfg.it.postgresPassword", "");

    private final String host;
    private final int port;
    private final String name;

    private PostgresDatabase(String host, int port, String name) {
        this.host = host;
        this.port = port;
        this.name = name;
    }

    /** Creates {@code dfg_it_<pid>_<millis>} on the machine's server. */
    static PostgresDatabase create() {
        return create(HOST, PORT);
    }

    /** Creates {@code dfg_it_<pid>_<millis>} on the test's own server. */
    static PostgresDatabase createOn(PostgresServer server) {
        return create(server.host(), server.port());
    }

    private static PostgresDatabase create(String host, int port) {
        PostgresDatabase database = new PostgresDatabase(host, port, "dfg_it_" + ProcessHandle.current().pid() + "_"
                + System.currentTimeMillis());
        database.admin("CREATE DATABASE " + database.name);
        return database;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void admin(String sql) {
        Path driverJar = driverJar();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {driverJar.toUri().toURL()},
                PostgresDatabase.class.getClassLoader())) {
            Driver driver = (Driver) Class.forName("org.postgresql.Driver", true, loader).getDeclaredConstructor()
                    .newInstance();
            Properties credentials = new Properties();
            credentials.setProperty("user", USER);
            credentials.setProperty("password", PASSWORD);
            try (Connection connection = driver.connect("jdbc:postgresql://" + host + ":" + port + "/postgres",
                    credentials); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException | SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused \"" + sql + "\": "
                    + e.getMessage(), e);
        }
    }

    private static Path driverJar() {
        Path lib = ItSettings.keycloakHome().resolve("lib/lib/main");
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(p -> p.getFileName().toString().startsWith("org.postgresql.postgresql-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL driver in " + lib));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
