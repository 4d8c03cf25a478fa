package dev.deepfakeguard.keycloak.events.lockout.admin;

/**
 * Counts of one user or source: {@code failures} counts toward the next lock now (window, since the last success,
 * lock or unlock); {@code recordedFailures} are all failure rows kept for it.
 */
public record SubjectStatus(String kind, String subject, long failures, long recordedFailures, boolean locked,
                            String level, Long lockedUntil) {
}
