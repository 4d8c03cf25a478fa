package dev.deepfakeguard.keycloak.events.audit;

/**
 * Monitoring counters of this node's audit trail since start; exposed by the admin endpoint.
 *
 * @param state   {@code chaining}; {@code waiting} (right after a crash, until the previous epoch's hold on the node
 *                id runs out); {@code refused} (another live process holds the node id: this node's audit is off)
 * @param skipped records not captured because the node id was refused
 */
public record AuditStatus(String node, String epoch, String state, long captured, long captureFailures, long skipped,
                          long chained, long chainFailures, long heartbeatMillis) {
}
