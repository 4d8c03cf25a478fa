package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** The Java process of the Keycloak this run started (kc.sh may run it as a child), for measuring its CPU time. */
public final class KeycloakJvm {

    private KeycloakJvm() {
    }

    /** Its process id, from the ids the harness records beside the server log. */
    public static long pid() {
        try {
            return Files.readAllLines(KeycloakProcess.pidFile(), StandardCharsets.UTF_8).stream()
                    .map(line -> ProcessHandle.of(Long.parseLong(line.trim())))
                    .flatMap(java.util.Optional::stream)
                    .filter(handle -> handle.info().command().map(c -> c.endsWith("/java")).orElse(false))
                    .mapToLong(ProcessHandle::pid).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no running Keycloak JVM among "
                            + KeycloakProcess.pidFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak's process ids unreadable", e);
        }
    }
}
