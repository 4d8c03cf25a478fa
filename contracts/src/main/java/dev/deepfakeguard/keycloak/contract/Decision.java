package dev.deepfakeguard.keycloak.contract;

import java.util.Locale;

/** Outcome of one liveness check. Ordered from most to least permissive. */
public enum Decision {
    ALLOW,
    STEP_UP,
    DENY;

    /** Stable lower-snake value used in events, session notes and audit records. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #value()}; anything unknown is treated as {@link #DENY} so a forged note never grants. */
    public static Decision fromValue(String value) {
        if (value != null) {
            for (Decision decision : values()) {
                if (decision.value().equals(value)) {
                    return decision;
                }
            }
        }
        return DENY;
    }

    /** The stricter of two decisions. */
    public Decision strictest(Decision other) {
        return ordinal() >= other.ordinal() ? this : other;
    }
}
