package dev.deepfakeguard.keycloak.events.audit;

import org.keycloak.events.Event;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.provider.Provider;

/**
 * This node's audit trail as one session sees it: {@code session.getProvider(AuditTrail.class)}. The event listener
 * hands it events; the admin API, the compliance report and monitoring read its state through it.
 */
public interface AuditTrail extends Provider {

    /** Captures a user event the trail records (see {@link AuditSelection}) in this session's transaction. */
    void record(Event event);

    /** Captures an admin event the trail records; its representation is never recorded. */
    void record(AdminEvent event);

    /**
     * Chains what is committed now and signs a checkpoint of the head, and waits: an export then holds no avoidable
     * pending record and ends this node's live chain with a fresh checkpoint.
     */
    void flush();

    /** Counters for monitoring: captured, capture failures, chained, chain failures. */
    AuditStatus status();

    /** What the compliance report shows of the trail: key, whether it is the development key, how far it is signed. */
    AuditPosture posture();

    /** Retires a departed node id, in this session's transaction, as this node judges whether it is still alive. */
    NodeRetirement.Result retire(String node, long now);

    /** Longest time without a checkpoint when idle. */
    long heartbeatMillis();

    @Override
    default void close() {
    }
}
