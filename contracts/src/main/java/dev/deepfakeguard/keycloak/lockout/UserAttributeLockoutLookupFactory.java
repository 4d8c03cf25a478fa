package dev.deepfakeguard.keycloak.lockout;

import dev.deepfakeguard.keycloak.provider.StatelessFactory;
import org.keycloak.models.KeycloakSession;

import java.time.Clock;

/** The lookup that needs nothing but the user: {@link UserAttributeLockoutLookup}. Lowest order, so any other wins. */
public final class UserAttributeLockoutLookupFactory implements LockoutLookupProviderFactory,
        StatelessFactory<LockoutLookupProvider> {

    public static final String PROVIDER_ID = "deepfake-guard-user-attribute";

    private final UserAttributeLockoutLookup lookup = new UserAttributeLockoutLookup(Clock.systemUTC());

    @Override
    public LockoutLookupProvider create(KeycloakSession session) {
        return lookup::isLocked;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public int order() {
        return 0;
    }
}
