package dev.deepfakeguard.keycloak.events.audit.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;

import dev.deepfakeguard.keycloak.events.audit.jpa.AuditCheckpointEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditKeyEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditPersonalEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditRecordEntity;

/**
 * A throw-away database for {@link WindowExportCost}: an H2 file in a temporary folder, or a PostgreSQL database of
 * its own on 127.0.0.1:5432 (user postgres, trust), dropped again on close. The audit tables come from Hibernate's
 * schema generation, plus the indexes that deepfake-guard-audit-changelog.xml creates.
 */
final class BenchDatabase implements AutoCloseable {

    private static final String PG_SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final List<String> INDEXES = List.of(
            "create index IDX_DFG_AUDIT_PENDING on DFG_AUDIT_RECORD (NODE, CHAIN_SEQ, CAPTURED_AT)",
            "create index IDX_DFG_AUDIT_REALM_TIME on DFG_AUDIT_RECORD (REALM_ID, CAPTURED_AT, ID)",
            "create index IDX_DFG_AUDIT_CHAIN on DFG_AUDIT_RECORD (NODE, CHAIN_EPOCH, CHAIN_SEQ)",
            "create index IDX_DFG_AUDIT_PERSONAL_USER on DFG_AUDIT_PERSONAL (USER_ID)",
            "create index IDX_DFG_AUDIT_CHECKPOINT_TIME on DFG_AUDIT_CHECKPOINT (CREATED_AT)",
            "create index IDX_DFG_AUDIT_CHECKPOINT_CHAIN on DFG_AUDIT_CHECKPOINT (NODE, EPOCH, THROUGH_SEQ)");

    private final String kind;
    private final String url;
    private final String user;
    private final Path dir;
    private final String pgName;

    private BenchDatabase(String kind, String url, String user, Path dir, String pgName) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.dir = dir;
        this.pgName = pgName;
    }

    static BenchDatabase open(String kind, Path dir) throws SQLException {
        if ("postgres".equals(kind)) {
            String name = "dfg_window_bench_" + ProcessHandle.current().pid();
            try (Connection c = DriverManager.getConnection(PG_SERVER + "postgres", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("drop database if exists " + name);
                s.execute("create database " + name);
            }
            return new BenchDatabase(kind, PG_SERVER + name + "?reWriteBatchedInserts=true", "postgres", dir, name);
        }
        if (!"h2".equals(kind)) {
            throw new IllegalArgumentException("database must be h2 or postgres");
        }
        return new BenchDatabase(kind, "jdbc:h2:" + dir.resolve("db").toAbsolutePath(), "sa", dir, null);
    }

    String kind() {
        return kind;
    }

    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, "");
        c.setAutoCommit(false);
        return c;
    }

    /** Creates the schema (drop-and-create) and the changelog's indexes. */
    EntityManagerFactory factory() throws SQLException {
        PersistenceConfiguration configuration = new PersistenceConfiguration("dfg-window-bench");
        List.of(AuditRecordEntity.class, AuditCheckpointEntity.class, AuditKeyEntity.class,
                AuditPersonalEntity.class).forEach(configuration::managedClass);
        configuration.property(PersistenceConfiguration.JDBC_URL, url)
                .property(PersistenceConfiguration.JDBC_USER, user)
                .property(PersistenceConfiguration.JDBC_PASSWORD, "")
                .property(PersistenceConfiguration.SCHEMAGEN_DATABASE_ACTION, "drop-and-create")
                .property("hibernate.connection.pool_size", "2")
                .property("hibernate.show_sql", "false");
        EntityManagerFactory emf = configuration.createEntityManagerFactory();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : INDEXES) {
                s.execute(sql);
            }
            c.commit();
        }
        return emf;
    }

    /** Refreshes the planner's statistics after seeding, as autovacuum would on a live PostgreSQL. */
    void analyze() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("analyze");
            c.commit();
        }
    }

    @Override
    public void close() throws SQLException, IOException {
        if (pgName != null) {
            try (Connection c = DriverManager.getConnection(PG_SERVER + "postgres", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("drop database if exists " + pgName + " with (force)");
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
