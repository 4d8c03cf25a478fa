package dev.deepfakeguard.keycloak.events.lockout.admin;

/** One queued alert: delivery state, attempts so far and the last error (never the payload's secret: it has none). */
public record AlertView(String id, String channel, String state, int attempts, String lastError, long createdAt) {
}
