package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKey;
import dev.deepfakeguard.keycloak.lockout.LockoutLookupProvider;
import dev.deepfakeguard.keycloak.lockout.LockoutLookupProviderFactory;
import dev.deepfakeguard.keycloak.lockout.UserAttributeLockoutLookup;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Clock;
import java.util.Optional;

/**
 * The lookup every Deepfake Guard step uses once the listener is installed: the user's lock attribute (read with the
 * user, no extra query) and the source address's lock in the listener's table (one primary-key read). Wins over
 * the authenticator's attribute-only lookup by {@link #order()}.
 */
public final class JpaLockoutLookupFactory implements LockoutLookupProviderFactory {

    public static final String PROVIDER_ID = "deepfake-guard-lockout";

    private final Clock clock = Clock.systemUTC();
    private final UserAttributeLockoutLookup users = new UserAttributeLockoutLookup(clock);

    @Override
    public LockoutLookupProvider create(KeycloakSession session) {
        return this::isLocked;
    }

    private boolean isLocked(KeycloakSession session, RealmModel realm, UserModel user, String sourceAddress) {
        if (users.isLocked(session, realm, user, sourceAddress)) {
            return true;
        }
        Optional<String> source = RealmLockoutConfig.of(realm).sourcePrefix().key(sourceAddress);
        if (source.isEmpty()) {
            return false;
        }
        long now = clock.millis();
        return KeycloakTransactions.store(session).subject(SubjectKey.source(realm.getId(), source.get()))
                .filter(subject -> subject.getLockedUntil() > now).isPresent();
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

    @Override
    public int order() {
        return 100;
    }
}
