package dev.deepfakeguard.keycloak.events.audit;

/**
 * The audit trail of this node as the compliance report shows it.
 *
 * @param developmentKey     true when no keystore is configured and a key generated at start signs the checkpoints
 * @param unsignedTailMillis time since the last successful chaining round
 */
public record AuditPosture(String node, String keyId, boolean developmentKey, long heartbeatMillis,
                           long unsignedTailMillis, long captureFailures, long chainFailures) {
}
