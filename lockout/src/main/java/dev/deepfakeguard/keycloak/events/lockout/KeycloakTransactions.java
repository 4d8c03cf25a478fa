package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.events.lockout.store.LockoutStore;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/** The lockout store of a Keycloak session, and new transactions as new Keycloak sessions. */
public final class KeycloakTransactions implements NewTransaction {

    private final KeycloakSessionFactory factory;

    public KeycloakTransactions(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    public static LockoutStore store(KeycloakSession session) {
        return new LockoutStore(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    @Override
    public void run(java.util.function.Consumer<LockoutStore> work) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> work.accept(store(session)));
    }
}
