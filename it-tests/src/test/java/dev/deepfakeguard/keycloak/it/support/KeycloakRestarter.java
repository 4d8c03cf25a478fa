package dev.deepfakeguard.keycloak.it.support;

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
}
