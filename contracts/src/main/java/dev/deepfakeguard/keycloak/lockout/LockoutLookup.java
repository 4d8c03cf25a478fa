package dev.deepfakeguard.keycloak.lockout;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Whether Deepfake Guard must refuse a user or a source before doing anything else. The lockout listener writes the
 * state; every Deepfake Guard step reads it through this interface.
 */
public interface LockoutLookup {

    boolean isLocked(KeycloakSession session, RealmModel realm, UserModel user, String sourceAddress);
}
