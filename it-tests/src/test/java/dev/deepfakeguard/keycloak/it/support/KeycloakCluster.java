package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    private final Optional<PostgresServer> ownServer;
    private final PostgresDatabase database;
    private final List<ClusterNode> nodes;
    private final List<AdminClient> admins = new ArrayList<>();

    private KeycloakCluster(Optional<PostgresServer> ownServer, PostgresDatabase database, List<ClusterNode> nodes) {
        this.ownServer = ownServer;
        this.database = database;
        this.nodes = nodes;
        nodes.forEach(node -> admins.add(new AdminClient(node.server())));
    }

    /**
     * On the machine's PostgreSQL, or with {@code -Ddfg.it.clusterOwnPostgres=true} on a {@link PostgresServer} of
     * the run's own (e.g. for the load driver, whose larger connection pools the shared server may not have room for).
     */
    static KeycloakCluster start() {
        Optional<PostgresServer> ownServer = Boolean.getBoolean("dfg.it.clusterOwnPostgres")
                ? Optional.of(PostgresServer.start()) : Optional.empty();
        PostgresDatabase database = ownServer.map(PostgresDatabase::createOn).orElseGet(PostgresDatabase::create);
        List<ClusterNode> nodes = new ArrayList<>();
        try {
            NodeInstallation installation = NodeInstallation.build("keycloak-cluster");
            for (String name : List.of("node-a", "node-b")) {
                nodes.add(installation.node(name, database));
            }
            // One after the other: the first creates the schema, the second joins its cluster.
            for (ClusterNode node : nodes) {
                node.start();
                node.awaitReady();
            }
            KeycloakCluster cluster = new KeycloakCluster(ownServer, database, nodes);
            cluster.awaitTwoMemberView();
            return cluster;
        } catch (IOException | RuntimeException e) {
            nodes.forEach(ClusterNode::stop);
            database.close();
            ownServer.ifPresent(PostgresServer::close);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
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
        ownServer.ifPresent(PostgresServer::close);
    }
}
