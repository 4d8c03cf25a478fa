package dev.deepfakeguard.keycloak.flow;

import org.keycloak.Config;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
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

    /**
     * REQUIRED or DISABLED only: an ALTERNATIVE Deepfake Guard step could be skipped by its sibling branch, and a
     * CONDITIONAL one is not a step of ours. A fresh array each call, so no caller can change another's.
     */
    @Override
    default Requirement[] getRequirementChoices() {
        return new Requirement[] {Requirement.REQUIRED, Requirement.DISABLED};
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
