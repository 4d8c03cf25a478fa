package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.events.lockout.store.LockoutStore;

import java.util.function.Consumer;

/** Runs work in a transaction of its own that commits (or rolls back) before the call returns. */
@FunctionalInterface
public interface NewTransaction {

    /** @throws RuntimeException when the work or its commit failed (it was rolled back) */
    void run(Consumer<LockoutStore> work);
}
