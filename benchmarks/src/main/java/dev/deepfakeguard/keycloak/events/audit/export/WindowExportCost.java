package dev.deepfakeguard.keycloak.events.audit.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;

import dev.deepfakeguard.keycloak.events.audit.jpa.AuditStore;
import dev.deepfakeguard.keycloak.audit.chain.AuditSigningKey;
import dev.deepfakeguard.keycloak.audit.chain.ChainHead;
import dev.deepfakeguard.keycloak.audit.chain.LinkedRecord;
import dev.deepfakeguard.keycloak.audit.chain.Linker;
import dev.deepfakeguard.keycloak.audit.format.CanonicalJson;
import dev.deepfakeguard.keycloak.audit.format.Checkpoint;
import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.audit.verify.ExportVerifier;
import dev.deepfakeguard.keycloak.audit.verify.Report;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditCheckpointEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditKeyEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditPersonalEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditRecordEntity;

/**
 * Wall-clock time of exporting a window of N chained records (default 1,000,000, a checkpoint every 1000) from an H2
 * file database through the real exporters and Hibernate, as JSON Lines and as OCSF, and of verifying the JSON Lines
 * file. Run with a small heap to show that memory does not grow with the window:
 * {@code java -Xmx384m -cp benchmarks/target/benchmarks.jar
 * dev.deepfakeguard.keycloak.events.audit.export.WindowExportCost [records]}.
 * <p>
 * Stays in {@code events.audit.export}: it drives the package-private {@code AuditExporter}, {@code OcsfExporter} and
 * {@code ExportWindow} without the admin resource and its HTTP layer, which no public entry point offers.
 */
public final class WindowExportCost {

    private static final String NODE = "bench-node";
    private static final String REALM_ID = "realm-bench";
    private static final int CHECKPOINT_EVERY = 1000;
    private static final int COMMIT_EVERY = 5000;

    private WindowExportCost() {
    }

    public static void main(String[] args) throws IOException {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("dfg-window-bench");
        try (EntityManagerFactory emf = factory(dir)) {
            indexes(emf);
            long t0 = System.nanoTime();
            long from = fill(emf, records);
            long t1 = System.nanoTime();
            Path jsonl = dir.resolve("export.jsonl");
            export(emf, jsonl, false, from);
            long t2 = System.nanoTime();
            Path ocsf = dir.resolve("export-ocsf.jsonl");
            export(emf, ocsf, true, from);
            long t3 = System.nanoTime();
            Report report;
            try (InputStream in = Files.newInputStream(jsonl)) {
                report = ExportVerifier.verify(in, Set.of());
            }
            long t4 = System.nanoTime();
            System.out.printf("records %,d, heap max %d MiB%n", records, Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("fill (not part of the target)  %7.1f s%n", (t1 - t0) / 1e9);
            System.out.printf("export JSON Lines              %7.1f s  %,d bytes%n", (t2 - t1) / 1e9, Files.size(jsonl));
            System.out.printf("export OCSF                    %7.1f s  %,d bytes%n", (t3 - t2) / 1e9, Files.size(ocsf));
            System.out.printf("verify JSON Lines              %7.1f s  exit %d, %,d/%,d records valid%n", (t4 - t3) / 1e9,
                    report.exitCode(), report.validRecords(), report.records());
            System.out.printf("export + verify                %7.1f s%n", ((t2 - t1) + (t4 - t3)) / 1e9);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One node's epoch: its start, then user events of one realm, signed every 1000 records. */
    private static long fill(EntityManagerFactory emf, int records) {
        AuditSigningKey key = AuditSigningKey.generateEd25519();
        String epoch = "e-bench";
        long start = System.currentTimeMillis();
        Linker linker = new Linker(ChainHead.empty(NODE, epoch));
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        AuditKeyEntity manifest = new AuditKeyEntity();
        manifest.setKeyId(key.keyId());
        manifest.setAlgorithm(key.algorithm());
        manifest.setPublicKey(Base64.getEncoder().encodeToString(key.publicKey().getEncoded()));
        manifest.setFirstUsed(start);
        manifest.setNode(NODE);
        em.persist(manifest);
        Map<String, Object> epochStart = new TreeMap<>();
        epochStart.put("type", ExportFormat.TYPE_EPOCH_START);
        epochStart.put("time", start);
        epochStart.put("keyId", key.keyId());
        epochStart.put("alg", key.algorithm());
        store(em, epochStart, linker.link(epochStart), null, epoch, start);
        for (int i = 2; i <= records; i++) {
            long time = start + i;
            Map<String, Object> body = userEvent(i, time);
            store(em, body, linker.link(body, REALM_ID), REALM_ID, epoch, time);
            if (i % CHECKPOINT_EVERY == 0 || i == records) {
                ChainHead head = linker.head();
                long covered = i % CHECKPOINT_EVERY == 0 ? CHECKPOINT_EVERY : i % CHECKPOINT_EVERY;
                Checkpoint checkpoint = new Checkpoint(NODE, epoch, head.seq(), head.hash(), covered, time,
                        key.keyId(), key.algorithm());
                AuditCheckpointEntity entity = new AuditCheckpointEntity();
                entity.setId(UUID.randomUUID().toString());
                entity.setNode(NODE);
                entity.setEpoch(epoch);
                entity.setThroughSeq(head.seq());
                entity.setHeadHash(head.hash());
                entity.setCovered(covered);
                entity.setCreatedAt(time);
                entity.setKeyId(key.keyId());
                entity.setAlgorithm(key.algorithm());
                entity.setSignature(key.sign(checkpoint));
                entity.setFormatVersion(checkpoint.version());
                em.persist(entity);
            }
            if (i % COMMIT_EVERY == 0) {
                em.getTransaction().commit();
                em.clear();
                em.getTransaction().begin();
            }
        }
        em.getTransaction().commit();
        em.close();
        return start;
    }

    private static Map<String, Object> userEvent(int i, long time) {
        Map<String, Object> event = new TreeMap<>();
        event.put("id", "ev-" + i);
        event.put("type", i % 10 == 0 ? "LOGIN_ERROR" : "LOGIN");
        event.put("realmId", REALM_ID);
        event.put("clientId", "account");
        event.put("userId", "user-" + (i % 5000));
        if (i % 10 == 0) {
            event.put("error", "deepfake_suspected");
        }
        Map<String, Object> dfg = new TreeMap<>();
        dfg.put("decision", i % 10 == 0 ? "deny" : "allow");
        dfg.put("livenessScore", 9600L);
        dfg.put("syntheticScore", i % 10 == 0 ? 9900L : 150L);
        dfg.put("scorer", "embedded");
        dfg.put("flow", "login");
        dfg.put("reasons", java.util.List.of(i % 10 == 0 ? "synthetic_media" : "live_reflection"));
        Map<String, Object> body = new TreeMap<>();
        body.put("type", ExportFormat.TYPE_USER_EVENT);
        body.put("time", time);
        body.put("event", event);
        body.put("dfg", dfg);
        return body;
    }

    private static void store(EntityManager em, Map<String, Object> body, LinkedRecord linked, String realmId,
                              String epoch, long time) {
        AuditRecordEntity row = new AuditRecordEntity();
        row.setId(UUID.randomUUID().toString());
        row.setNode(NODE);
        row.setCapturedAt(time);
        row.setCaptureSeq(linked.seq());
        row.setRealmId(realmId);
        row.setBody(CanonicalJson.write(body));
        row.setChainEpoch(epoch);
        row.setChainSeq(linked.seq());
        row.setPrevHash(linked.prevHash());
        row.setHash(linked.hash());
        row.setRecordJson(linked.json());
        row.setChainedAt(time);
        em.persist(row);
    }

    private static void export(EntityManagerFactory emf, Path file, boolean ocsf, long from) throws IOException {
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long to = System.currentTimeMillis() + 10_000_000L;
            if (ocsf) {
                new OcsfExporter(new AuditStore(em)).export(REALM_ID, "bench", new ExportWindow(from, to), out);
            } else {
                new AuditExporter(new AuditStore(em)).export(REALM_ID, "bench", from, to, 3_600_000L * 24, out);
            }
        } finally {
            em.getTransaction().rollback();
            em.close();
        }
    }

    /** The indexes deepfake-guard-audit-changelog.xml creates; Hibernate's schema generation does not know them. */
    private static void indexes(EntityManagerFactory emf) {
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        for (String sql : java.util.List.of(
                "create index IDX_DFG_AUDIT_PENDING on DFG_AUDIT_RECORD (NODE, CHAIN_SEQ, CAPTURED_AT)",
                "create index IDX_DFG_AUDIT_REALM_TIME on DFG_AUDIT_RECORD (REALM_ID, CAPTURED_AT, ID)",
                "create index IDX_DFG_AUDIT_CHAIN on DFG_AUDIT_RECORD (NODE, CHAIN_EPOCH, CHAIN_SEQ)",
                "create index IDX_DFG_AUDIT_CHECKPOINT_TIME on DFG_AUDIT_CHECKPOINT (CREATED_AT)",
                "create index IDX_DFG_AUDIT_CHECKPOINT_CHAIN on DFG_AUDIT_CHECKPOINT (NODE, EPOCH, THROUGH_SEQ)")) {
            em.createNativeQuery(sql).executeUpdate();
        }
        em.getTransaction().commit();
        em.close();
    }

    private static EntityManagerFactory factory(Path dir) {
        PersistenceConfiguration configuration = new PersistenceConfiguration("dfg-window-bench");
        java.util.List.of(AuditRecordEntity.class, AuditCheckpointEntity.class, AuditKeyEntity.class,
                AuditPersonalEntity.class).forEach(configuration::managedClass);
        configuration.property(PersistenceConfiguration.JDBC_URL, "jdbc:h2:" + dir.resolve("db").toAbsolutePath())
                .property(PersistenceConfiguration.JDBC_USER, "sa")
                .property(PersistenceConfiguration.JDBC_PASSWORD, "")
                .property(PersistenceConfiguration.SCHEMAGEN_DATABASE_ACTION, "drop-and-create")
                .property("hibernate.connection.pool_size", "2")
                .property("hibernate.jdbc.batch_size", "500")
                .property("hibernate.show_sql", "false");
        return configuration.createEntityManagerFactory();
    }
}
