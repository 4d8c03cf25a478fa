package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.provider.StatelessFactory;
import dev.deepfakeguard.keycloak.events.lockout.store.LockoutStore;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKey;
import dev.deepfakeguard.keycloak.lockout.LockoutLookupProvider;
import dev.deepfakeguard.keycloak.lockout.LockoutLookupProviderFactory;
import dev.deepfakeguard.keycloak.lockout.UserAttributeLockoutLookup;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lookup every Deepfake Guard step uses once the listener is installed: the user's lock attribute (read with the
 * user, no extra query), failures of the user this node has not been able to count yet, and the user's and the
 * source's rows in the listener's table (two primary-key reads). Wins over the authenticator's attribute-only lookup
 * by {@link #order()}.
 *
 * <p>The rows are read fresh by query: a request's user was loaded when the request began, so its attribute misses a
 * lock that concurrent failures set while this request's frames were scored. Before a scorer is called they are read
 * in a short transaction of its own, so the request holds no database connection while it waits for the scorer (an
 * HTTP scorer may take seconds); where nothing slow follows they are read on the request's own connection, so a
 * request never needs two (see {@link dev.deepfakeguard.keycloak.lockout.LockoutLookup}). A lookup that fails answers
 * "locked".
 */
public final class JpaLockoutLookupFactory implements LockoutLookupProviderFactory,
        StatelessFactory<LockoutLookupProvider> {

    public static final String PROVIDER_ID = "deepfake-guard-lockout";
    private static final Logger LOG = Logger.getLogger(JpaLockoutLookupFactory.class);

    private final Clock clock = Clock.systemUTC();
    private final UserAttributeLockoutLookup users = new UserAttributeLockoutLookup(clock);

    @Override
    public LockoutLookupProvider create(KeycloakSession session) {
        Optional<PendingFailures> pending = pendingFailures(session.getKeycloakSessionFactory());
        return new LockoutLookupProvider() {
            @Override
            public boolean isLocked(KeycloakSession s, RealmModel realm, UserModel user, String source) {
                return lookUp(s, realm, user, source, pending, false);
            }

            @Override
            public boolean isLockedInRequest(KeycloakSession s, RealmModel realm, UserModel user, String source) {
                return lookUp(s, realm, user, source, pending, true);
            }
        };
    }

    private boolean lookUp(KeycloakSession session, RealmModel realm, UserModel user, String sourceAddress,
                           Optional<PendingFailures> pending, boolean inRequest) {
        if (users.isLocked(session, realm, user, sourceAddress)) {
            return true;
        }
        if (user != null && pending.filter(p -> p.holdsUser(realm.getId(), user.getId())).isPresent()) {
            LOG.infof("Deepfake Guard refuses user %s in realm %s until its pending failures are counted",
                    user.getId(), realm.getName());
            return true;
        }
        try {
            List<SubjectKey> subjects = new ArrayList<>(2);
            if (user != null) {
                subjects.add(SubjectKey.user(realm.getId(), user.getId()));
            }
            RealmLockoutConfig.of(realm).sourcePrefix().key(sourceAddress)
                    .ifPresent(source -> subjects.add(SubjectKey.source(realm.getId(), source)));
            if (subjects.isEmpty()) {
                return false;
            }
            long now = clock.millis();
            if (inRequest) {
                return anyLocked(KeycloakTransactions.store(session), subjects, now);
            }
            return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(),
                    lookup -> anyLocked(KeycloakTransactions.store(lookup), subjects, now));
        } catch (RuntimeException e) {
            LOG.warnf("Deepfake Guard cannot read the lock state in realm %s (%s); refusing as locked",
                    realm.getName(), e);
            return true;
        }
    }

    private static boolean anyLocked(LockoutStore store, List<SubjectKey> subjects, long now) {
        return subjects.stream().anyMatch(key -> store.lockedUntil(key).filter(until -> until > now).isPresent());
    }

    /** The queue of the listener's factory on this node, if the listener is deployed. */
    private static Optional<PendingFailures> pendingFailures(KeycloakSessionFactory factory) {
        ProviderFactory<EventListenerProvider> listener = factory.getProviderFactory(EventListenerProvider.class,
                LockoutListenerFactory.PROVIDER_ID);
        return listener instanceof LockoutListenerFactory lockout ? Optional.of(lockout.pendingFailures())
                : Optional.empty();
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
