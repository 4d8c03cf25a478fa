package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The stopped test server's own H2 database, opened with the H2 driver of the Keycloak distribution (so the file
 * format always matches), for stories in which a database administrator changes rows while Keycloak is down. The
 * dev-file database has an empty user name and password.
 */
public final class KeycloakDatabase implements AutoCloseable {

    private final URLClassLoader loader;
    private final Connection connection;

    private KeycloakDatabase(URLClassLoader loader, Connection connection) {
        this.loader = loader;
        this.connection = connection;
    }

    /** @param dataDir the server's {@code data/} folder; the server must not be running */
    public static KeycloakDatabase open(Path dataDir) {
        Path h2Jar = h2Jar();
        try {
            URLClassLoader loader = new URLClassLoader(new URL[] {h2Jar.toUri().toURL()},
                    KeycloakDatabase.class.getClassLoader());
            Driver driver = (Driver) Class.forName("org.h2.Driver", true, loader).getDeclaredConstructor()
                    .newInstance();
            Properties credentials = new Properties();
            credentials.setProperty("user", "");
            credentials.setProperty("password", "");
            Connection connection = driver.connect("jdbc:h2:file:" + dataDir.resolve("h2/keycloakdb")
                    + ";NON_KEYWORDS=VALUE;IFEXISTS=TRUE", credentials);
            return new KeycloakDatabase(loader, connection);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException | SQLException e) {
            throw new IllegalStateException("cannot open Keycloak's H2 database in " + dataDir + " with " + h2Jar, e);
        }
    }

    /** Runs one statement with positional parameters; returns the number of rows changed. */
    public int update(String sql, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of every row of a query, as longs. */
    public List<Long> longs(String sql, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters); ResultSet rows = statement.executeQuery()) {
            List<Long> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getLong(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private static Path h2Jar() {
        Path lib = ItSettings.keycloakHome().resolve("lib/lib/main");
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(p -> p.getFileName().toString().startsWith("com.h2database.h2-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no H2 driver in " + lib));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
            loader.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing Keycloak's H2 database: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
