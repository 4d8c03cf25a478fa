package dev.deepfakeguard.keycloak.it.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** CPU time (user + system) Linux processes have used so far, together, read from {@code /proc/<pid>/stat}. */
final class ProcessCpu {

    /** Field 14 (utime) and 15 (stime) of the stat line, counted from field 3, the first after the command name. */
    private static final int UTIME = 14 - 3;
    private static final int STIME = 15 - 3;
    /** USER_HZ; 100 on every Linux architecture the project runs on, checked against getconf when available. */
    private static final long DEFAULT_TICKS_PER_SECOND = 100;

    private final List<Path> stats;
    private final long ticksPerSecond;

    ProcessCpu(long pid) {
        this(List.of(pid));
    }

    /** The processes of several servers (e.g. the nodes of a cluster), summed. */
    ProcessCpu(List<Long> pids) {
        this.stats = pids.stream().map(pid -> Path.of("/proc", Long.toString(pid), "stat")).toList();
        this.ticksPerSecond = ticksPerSecond();
    }

    Duration used() {
        return stats.stream().map(this::used).reduce(Duration.ZERO, Duration::plus);
    }

    private Duration used(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stat + ": has the server stopped?", e);
        }
        // The command name is in parentheses and may contain spaces; the numeric fields follow the last ')'.
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[UTIME]) + Long.parseLong(fields[STIME]);
        return Duration.ofMillis(ticks * 1000 / ticksPerSecond);
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : DEFAULT_TICKS_PER_SECOND;
        } catch (IOException | NumberFormatException e) {
            return DEFAULT_TICKS_PER_SECOND;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_TICKS_PER_SECOND;
        }
    }
}
