package dev.deepfakeguard.keycloak.it.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** CPU time (user + system) a Linux process has used so far, read from {@code /proc/<pid>/stat}. */
final class ProcessCpu {

    /** Field 14 (utime) and 15 (stime) of the stat line, counted from field 3, the first after the command name. */
    private static final int UTIME = 14 - 3;
    private static final int STIME = 15 - 3;
    /** USER_HZ; 100 on every Linux architecture the project runs on, checked against getconf when available. */
    private static final long DEFAULT_TICKS_PER_SECOND = 100;

    private final Path stat;
    private final long ticksPerSecond;

    ProcessCpu(long pid) {
        this.stat = Path.of("/proc", Long.toString(pid), "stat");
        this.ticksPerSecond = ticksPerSecond();
    }

    Duration used() {
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
