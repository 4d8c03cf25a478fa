package dev.deepfakeguard.keycloak.events.audit;

/** Monitoring counters of this node's audit trail since start; exposed by the admin endpoint. */
public record AuditStatus(String node, String epoch, long captured, long captureFailures, long chained,
                          long chainFailures, long heartbeatMillis) {
}
