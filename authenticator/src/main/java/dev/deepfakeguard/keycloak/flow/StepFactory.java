package dev.deepfakeguard.keycloak.flow;

import org.keycloak.Config;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * What every Deepfake Guard authenticator factory has in common: no server option to read, nothing to do after
 * start-up or at shutdown (a factory that owns a resource overrides the method that makes or releases it), no
 * enrolment by the person, and no level-of-assurance credential category unless it says otherwise.
 */
public interface StepFactory extends AuthenticatorFactory {

    @Override
    default void init(Config.Scope config) {
    }

    @Override
    default void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    default void close() {
    }

    @Override
    default boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    default String getReferenceCategory() {
        return null;
    }
}
