package dev.deepfakeguard.keycloak.events.audit;

import jakarta.ws.rs.core.HttpHeaders;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.Event;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;

import dev.deepfakeguard.keycloak.events.audit.jpa.AuditStore;

/** The node's audit trail bound to one session: captures in its transaction, retires in it. */
final class SessionAuditTrail implements AuditTrail {

    private final KeycloakSession session;
    private final NodeAuditTrailFactory node;

    SessionAuditTrail(KeycloakSession session, NodeAuditTrailFactory node) {
        this.session = session;
        this.node = node;
    }

    @Override
    public void record(Event event) {
        if (AuditSelection.records(event)) {
            node.capture().capture(session, () -> node.bodies().of(event, userAgent()));
        }
    }

    @Override
    public void record(AdminEvent event) {
        if (AuditSelection.records(event)) {
            node.capture().capture(session, () -> node.bodies().of(event, userAgent()));
        }
    }

    private String userAgent() {
        try {
            HttpHeaders headers = session.getContext() == null ? null : session.getContext().getRequestHeaders();
            return headers == null ? null : headers.getHeaderString(HttpHeaders.USER_AGENT);
        } catch (RuntimeException e) {
            return null; // no HTTP request behind this session (background task): nothing to record
        }
    }

    @Override
    public void flush() {
        node.flush();
    }

    @Override
    public AuditStatus status() {
        return node.status();
    }

    @Override
    public AuditPosture posture() {
        return node.posture();
    }

    @Override
    public NodeRetirement.Result retire(String retired, long now) {
        return node.retirement().retire(new AuditStore(session.getProvider(JpaConnectionProvider.class)
                .getEntityManager()), retired, now);
    }

    @Override
    public long heartbeatMillis() {
        return node.heartbeatMillis();
    }
}
