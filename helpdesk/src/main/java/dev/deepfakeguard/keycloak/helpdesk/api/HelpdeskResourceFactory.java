package dev.deepfakeguard.keycloak.helpdesk.api;

import java.time.Clock;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import dev.deepfakeguard.keycloak.helpdesk.HelpdeskSettings;
import dev.deepfakeguard.keycloak.helpdesk.store.ContactChanges;
import dev.deepfakeguard.keycloak.helpdesk.store.RequestStore;

/** Serves the helpdesk API (and page) under {@code /realms/{realm}/deepfake-guard-helpdesk}. */
public final class HelpdeskResourceFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "deepfake-guard-helpdesk";

    private HelpdeskSettings settings = HelpdeskSettings.defaults();

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        HelpdeskSettings current = settings;
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new HelpdeskResource(session, current, Clock.systemUTC());
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        settings = HelpdeskSettings.from(config);
    }

    /** A removed realm takes its requests and contact records with it; a removed user its contact record. */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                new RequestStore(removed.getKeycloakSession()).deleteRealm(removed.getRealm().getId());
                new ContactChanges(removed.getKeycloakSession()).deleteRealm(removed.getRealm().getId());
            } else if (event instanceof UserModel.UserRemovedEvent removed) {
                new ContactChanges(removed.getKeycloakSession()).forget(removed.getRealm().getId(),
                        removed.getUser().getId());
            }
        });
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
