package dev.deepfakeguard.keycloak.flow;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A Deepfake Guard flow step: runs once the user is known, needs no credential of its own (so it is configured for
 * everyone and never asks the person to enrol anything) and holds no resources.
 */
public interface UserStep extends Authenticator {

    @Override
    default boolean requiresUser() {
        return true;
    }

    @Override
    default boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    default void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // Nothing to enrol.
    }

    @Override
    default void close() {
    }
}
