package dev.deepfakeguard.keycloak.it.support;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Restarts the run's Keycloak process on the same database and ports; injected by {@link KeycloakExtension}. Costs
 * a full start (about 15 s), so only stories about state surviving a restart ask for it.
 */
@FunctionalInterface
public interface KeycloakRestarter {

    /** Returns once the restarted server reports ready. */
    void restart();

    /**
     * Kills the server with SIGKILL (the JVM and kc.sh), no graceful stop; returns once the processes are gone.
     * {@link #restart()} then starts it again on the same database and ports.
     */
    default void kill() {
        throw new UnsupportedOperationException("this restarter cannot kill the server");
    }

    /**
     * Stops the server, hands its {@code data/} folder to {@code whileDown} (e.g. to change the database as a
     * database administrator could), and starts it again on the same ports; returns once it reports ready.
     */
    default void restart(Consumer<Path> whileDown) {
        throw new UnsupportedOperationException("this restarter cannot change the server's data while it is down");
    }

    /**
     * Restarts on the same database and ports with {@code serverOptions} added to the run's command line, e.g. the
     * face matcher's model options, which change how every realm's reset and admin flows treat accounts; an empty
     * list restores the run's own options. A class that changes them restores them in its {@code @AfterAll}.
     */
    default void restartWith(List<String> serverOptions) {
        throw new UnsupportedOperationException("this restarter cannot change the server's options");
    }
}
