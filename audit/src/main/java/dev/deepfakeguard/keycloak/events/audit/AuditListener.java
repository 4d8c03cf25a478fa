package dev.deepfakeguard.keycloak.events.audit;

import jakarta.ws.rs.core.HttpHeaders;

import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;

/** Hands the events the audit trail records to {@link AuditCapture}; everything else is ignored. */
final class AuditListener implements EventListenerProvider {

    private final KeycloakSession session;
    private final AuditCapture capture;
    private final RecordBodies bodies;

    AuditListener(KeycloakSession session, AuditCapture capture, RecordBodies bodies) {
        this.session = session;
        this.capture = capture;
        this.bodies = bodies;
    }

    @Override
    public void onEvent(Event event) {
        if (AuditSelection.records(event)) {
            capture.capture(session, () -> bodies.of(event, userAgent()));
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        // The representation is never recorded: it can hold credentials and personal data.
        if (AuditSelection.records(event)) {
            capture.capture(session, () -> bodies.of(event, userAgent()));
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
    public void close() {
    }
}
