package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.events.lockout.store.LockLevel;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKey;

/**
 * A lock the listener has just set.
 *
 * @param subject   who is locked
 * @param level     temporary or permanent
 * @param lockedAt  epoch millis
 * @param until     epoch millis; {@link Long#MAX_VALUE} for permanent
 * @param reason    {@link #CONSECUTIVE_FAILURES}, {@link #SOURCE_FAILURES} or {@link #REPEATED_LOCKS}
 * @param failures  failures counted in the window when it was set
 */
public record LockDecision(SubjectKey subject, LockLevel level, long lockedAt, long until, String reason,
                           int failures) {

    public static final String CONSECUTIVE_FAILURES = "consecutive_failures";
    public static final String SOURCE_FAILURES = "source_failures";
    public static final String REPEATED_LOCKS = "repeated_locks";
}
