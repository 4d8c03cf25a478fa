package dev.deepfakeguard.keycloak.helpdesk.caller;

import java.time.Clock;

import dev.deepfakeguard.keycloak.provider.StatelessFactory;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * Event listener "deepfake-guard-helpdesk": add it to the realm's event listeners where agents verify callers (it
 * records failed checks, completed resets and changes of the e-mail address).
 */
public final class HelpdeskEventListenerFactory implements EventListenerProviderFactory,
        StatelessFactory<EventListenerProvider> {

    public static final String PROVIDER_ID = "deepfake-guard-helpdesk";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new HelpdeskEventListener(session, Clock.systemUTC());
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
