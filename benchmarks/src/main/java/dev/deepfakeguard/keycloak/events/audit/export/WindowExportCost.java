package dev.deepfakeguard.keycloak.events.audit.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import dev.deepfakeguard.keycloak.audit.verify.ExportVerifier;
import dev.deepfakeguard.keycloak.audit.verify.Report;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditStore;

/**
 * Wall-clock time, records per second and peak heap of exporting a window of N chained, signed records (default
 * 1,000,000, a checkpoint every 1000) through the real exporters and Hibernate, as JSON Lines and as OCSF, and of
 * verifying the JSON Lines file with the offline verifier. Run with a small fixed heap to show that memory does not
 * grow with the window:
 * {@code java -Xms256m -Xmx256m -cp benchmarks/target/benchmarks.jar
 * dev.deepfakeguard.keycloak.events.audit.export.WindowExportCost [h2|postgres] [records]}.
 * PostgreSQL: 127.0.0.1:5432, user postgres without password; the driver makes a database of its own and drops it.
 * <p>
 * Stays in {@code events.audit.export}: it drives the package-private {@code AuditExporter}, {@code OcsfExporter} and
 * {@code ExportWindow} without the admin resource and its HTTP layer, which no public entry point offers.
 */
public final class WindowExportCost {

    private WindowExportCost() {
    }

    public static void main(String[] args) throws IOException, SQLException {
        String kind = args.length > 0 ? args[0] : "h2";
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path dir = Files.createTempDirectory("dfg-window-bench");
        try (BenchDatabase db = BenchDatabase.open(kind, dir)) {
            EntityManagerFactory emf = db.factory();
            long t0 = System.nanoTime();
            long from;
            try (Connection c = db.connect()) {
                from = new WindowSeed().fill(c, records);
            }
            db.analyze();
            long t1 = System.nanoTime();
            System.out.printf("%s, %,d records, heap max %d MiB, load %s%n", kind, records,
                    Runtime.getRuntime().maxMemory() >> 20, load());
            System.out.printf("seed (not part of the target)  %7.1f s%n", (t1 - t0) / 1e9);
            Path jsonl = dir.resolve("export.jsonl");
            long jsonlNanos = phase("export JSON Lines", records, () -> export(emf, jsonl, false, from),
                    Files::size, jsonl);
            Path ocsf = dir.resolve("export-ocsf.jsonl");
            phase("export OCSF", records, () -> export(emf, ocsf, true, from), Files::size, ocsf);
            Report[] report = new Report[1];
            long verifyNanos = phase("verify JSON Lines", records, () -> {
                try (InputStream in = Files.newInputStream(jsonl)) {
                    report[0] = ExportVerifier.verify(in, Set.of());
                }
            }, Files::size, jsonl);
            System.out.printf("verifier: exit %d, %,d/%,d records valid, %,d checkpoints%n", report[0].exitCode(),
                    report[0].validRecords(), report[0].records(), report[0].checkpoints());
            double total = (jsonlNanos + verifyNanos) / 1e9;
            System.out.printf("export + verify (JSON Lines)   %7.1f s  %,9.0f records/s   load %s%n", total,
                    records / total, load());
            emf.close();
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws IOException;
    }

    @FunctionalInterface
    private interface Size {
        long of(Path file) throws IOException;
    }

    private static long phase(String name, int records, Work work, Size size, Path file) throws IOException {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        backendCpu = 0;
        long cpuStart = cpu();
        long start = System.nanoTime();
        work.run();
        long nanos = System.nanoTime() - start;
        double cpuSeconds = (cpu() - cpuStart) / 1e9;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long oldAfterGc = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.getName().contains("Old"))
                .mapToLong(p -> p.getCollectionUsage() == null ? 0 : p.getCollectionUsage().getUsed()).sum();
        cpuSeconds += backendCpu;
        System.out.printf("%-22s %6.1f s wall %,8.0f rec/s | %6.1f s CPU (JVM + database backend %.1f s) %,8.0f "
                        + "rec/CPU-s | %,14d bytes | peak heap %3d MiB, old gen after GC %3d MiB%n", name, nanos / 1e9,
                records / (nanos / 1e9), cpuSeconds, backendCpu, records / cpuSeconds, size.of(file), peak >> 20,
                oldAfterGc >> 20);
        return nanos;
    }

    /** CPU seconds of the PostgreSQL backend that served the last export (0 on H2, whose CPU is the JVM's). */
    private static double backendCpu;

    private static void export(EntityManagerFactory emf, Path file, boolean ocsf, long from) throws IOException {
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        long[] backend = {-1};
        em.unwrap(org.hibernate.Session.class).doWork(c -> backend[0] = PostgresBackend.pid(c));
        long backendStart = PostgresBackend.cpuTicks(backend[0]);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long to = System.currentTimeMillis() + 10_000_000L;
            if (ocsf) {
                new OcsfExporter(new AuditStore(em)).export(WindowSeed.REALM_ID, "bench", new ExportWindow(from, to), out);
            } else {
                new AuditExporter(new AuditStore(em)).export(WindowSeed.REALM_ID, "bench", from, to,
                        3_600_000L * 24, out);
            }
        } finally {
            backendCpu = PostgresBackend.seconds(PostgresBackend.cpuTicks(backend[0]) - backendStart);
            em.getTransaction().rollback();
            em.close();
        }
    }

    /** CPU time of the whole process (all threads, the embedded H2 included; PostgreSQL's own processes not). */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
