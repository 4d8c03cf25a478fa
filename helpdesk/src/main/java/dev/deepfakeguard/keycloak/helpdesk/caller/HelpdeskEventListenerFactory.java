package dev.deepfakeguard.keycloak.helpdesk.caller;

import java.time.Clock;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Event listener "deepfake-guard-helpdesk": add it to the realm's event listeners where agents verify callers (it
 * records failed checks, completed resets and changes of the e-mail address).
 */
public final class HelpdeskEventListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "deepfake-guard-helpdesk";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new HelpdeskEventListener(session, Clock.systemUTC());
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
