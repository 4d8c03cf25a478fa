package dev.deepfakeguard.keycloak.lockout;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Reads the lock the lockout listener leaves on the user: {@value #LOCKED_UNTIL}, epoch seconds. Stored with the
 * user in Keycloak's database, so it survives restarts and is the same on every node. A value that does not parse
 * counts as locked: a corrupted lock must not open the door.
 */
public final class UserAttributeLockoutLookup implements LockoutLookup {

    public static final String LOCKED_UNTIL = "deepfake-guard.locked-until";

    private final java.time.Clock clock;

    public UserAttributeLockoutLookup(java.time.Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean isLocked(KeycloakSession session, RealmModel realm, UserModel user, String sourceAddress) {
        if (user == null) {
            return false;
        }
        String until = user.getFirstAttribute(LOCKED_UNTIL);
        if (until == null || until.isBlank()) {
            return false;
        }
        try {
            return Long.parseLong(until.strip()) > clock.instant().getEpochSecond();
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
