package dev.deepfakeguard.keycloak.provider;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;

/**
 * A provider factory that holds nothing long-lived: no server option to read at start-up, nothing to build after
 * it, nothing to release at shutdown. A factory that does own a resource overrides the method that creates or
 * releases it.
 */
public interface StatelessFactory<T extends Provider> extends ProviderFactory<T> {

    @Override
    default void init(Config.Scope config) {
    }

    @Override
    default void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    default void close() {
    }
}
