package dev.deepfakeguard.keycloak.lockout;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Whether Deepfake Guard must refuse a user or a source before doing anything else. The lockout listener writes the
 * state; every Deepfake Guard step reads it through this interface.
 */
public interface LockoutLookup {

    /**
     * Asked before a scorer is called: a lookup that reads the database does so without keeping a connection of the
     * request's, so none is held while the scorer works (an HTTP scorer may take seconds).
     */
    boolean isLocked(KeycloakSession session, RealmModel realm, UserModel user, String sourceAddress);

    /**
     * The same question where nothing slow follows before the request ends (showing the camera page, finishing after
     * a verdict): a lookup that reads the database may use the request's own connection, which the request often
     * holds already (the password step read the user's credentials through it). A connection of its own would be a
     * second one per request, and with the pool exhausted every such request would wait for a connection only
     * another waiting request can give back.
     */
    default boolean isLockedInRequest(KeycloakSession session, RealmModel realm, UserModel user,
                                      String sourceAddress) {
        return isLocked(session, realm, user, sourceAddress);
    }
}
