package dev.deepfakeguard.keycloak.lockout;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Asks the session's {@link LockoutLookupProvider}; when none is deployed (an incomplete installation) it falls back
 * to the user attribute, so a missing provider never opens the door for a user the listener locked.
 */
public final class SessionLockoutLookup implements LockoutLookup {

    private final LockoutLookup fallback;

    public SessionLockoutLookup(LockoutLookup fallback) {
        this.fallback = fallback;
    }

    @Override
    public boolean isLocked(KeycloakSession session, RealmModel realm, UserModel user, String sourceAddress) {
        return lookup(session).isLocked(session, realm, user, sourceAddress);
    }

    @Override
    public boolean isLockedInRequest(KeycloakSession session, RealmModel realm, UserModel user,
                                     String sourceAddress) {
        return lookup(session).isLockedInRequest(session, realm, user, sourceAddress);
    }

    private LockoutLookup lookup(KeycloakSession session) {
        LockoutLookupProvider provider = session.getProvider(LockoutLookupProvider.class);
        return provider != null ? provider : fallback;
    }
}
