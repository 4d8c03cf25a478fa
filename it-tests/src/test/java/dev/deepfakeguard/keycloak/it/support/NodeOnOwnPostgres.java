package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One production-mode Keycloak node on a {@link PostgresServer} of the test's own, for the stories that stop and
 * start the database under Keycloak: the machine's shared PostgreSQL, which other runs use at the same time, is never
 * touched. Started by the story that needs it and closed by it.
 */
public final class NodeOnOwnPostgres implements AutoCloseable {

    private final PostgresServer postgres;
    private final PostgresDatabase database;
    private final ClusterNode node;
    private final AdminClient admin;

    private NodeOnOwnPostgres(PostgresServer postgres, PostgresDatabase database, ClusterNode node) {
        this.postgres = postgres;
        this.database = database;
        this.node = node;
        this.admin = new AdminClient(node.server());
    }

    /** initdb and start the server, build the distribution in {@code target/keycloak-own-postgres}, start a node. */
    public static NodeOnOwnPostgres start() {
        PostgresServer postgres = PostgresServer.start();
        PostgresDatabase database = null;
        ClusterNode node = null;
        try {
            database = PostgresDatabase.createOn(postgres);
            node = NodeInstallation.build("keycloak-own-postgres").node("node-p", database);
            node.start();
            node.awaitReady();
            return new NodeOnOwnPostgres(postgres, database, node);
        } catch (IOException | RuntimeException e) {
            if (node != null) {
                node.stop();
            }
            postgres.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public ClusterNode node() {
        return node;
    }

    public KeycloakServer server() {
        return node.server();
    }

    public AdminClient admin() {
        return admin;
    }

    public String databaseName() {
        return database.name();
    }

    @Override
    public void close() {
        node.stop();
        postgres.close();
    }
}
