package dev.deepfakeguard.keycloak.events.audit;

import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;

/** Hands Keycloak's events to this node's {@link AuditTrail}, which records the ones it selects. */
final class AuditListener implements EventListenerProvider {

    private final AuditTrail trail;

    AuditListener(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void onEvent(Event event) {
        trail.record(event);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        // The representation is never recorded: it can hold credentials and personal data.
        trail.record(event);
    }

    @Override
    public void close() {
    }
}
