package dev.deepfakeguard.keycloak.events.audit.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The CPU time of the PostgreSQL backend process serving one connection, read from {@code /proc} (the database runs
 * on this machine), so that an export's CPU cost counts the database's share too and not only the JVM's.
 */
final class PostgresBackend {

    /** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in hundredths of a second. */
    private static final double TICKS_PER_SECOND = 100.0;

    private PostgresBackend() {
    }

    /** The backend's process id; -1 on a database that is not PostgreSQL. */
    static long pid(Connection c) throws SQLException {
        if (!c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")) {
            return -1;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** utime + stime of the process in ticks; 0 when unknown. */
    static long cpuTicks(long pid) {
        if (pid < 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static double seconds(long ticks) {
        return ticks / TICKS_PER_SECOND;
    }
}
