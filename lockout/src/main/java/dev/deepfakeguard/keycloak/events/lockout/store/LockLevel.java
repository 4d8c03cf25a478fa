package dev.deepfakeguard.keycloak.events.lockout.store;

import java.util.Locale;

/** How long a lock holds: until a time, or until an admin unlocks. */
public enum LockLevel {
    TEMPORARY,
    PERMANENT;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
