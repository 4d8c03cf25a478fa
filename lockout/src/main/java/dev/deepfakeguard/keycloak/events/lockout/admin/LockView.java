package dev.deepfakeguard.keycloak.events.lockout.admin;

/**
 * One locked user or source in the admin API. Times are epoch seconds; {@code lockedUntil} is null for permanent.
 */
public record LockView(String kind, String subject, String username, String level, String reason, long lockedAt,
                       Long lockedUntil) {
}
