package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.events.lockout.alert.AlertOutbox;
import dev.deepfakeguard.keycloak.events.lockout.alert.LockAlert;
import dev.deepfakeguard.keycloak.events.lockout.store.LockLevel;
import dev.deepfakeguard.keycloak.events.lockout.store.LockoutStore;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKey;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKind;
import org.keycloak.events.Event;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The listener's storage work, each call in one transaction of its own: independent of the transaction of the
 * request (which may still roll back) and of the one that stores Keycloak's event, so a failure of ours can never
 * cost Keycloak its event record. Shared by all sessions; holds no state.
 */
final class LockoutRecorder {

    private final KeycloakSessionFactory factory;
    private final NewTransaction newTransaction;

    LockoutRecorder(KeycloakSessionFactory factory) {
        this.factory = factory;
        this.newTransaction = new KeycloakTransactions(factory);
    }

    /** Counts the failure for the user, then the source (always in this order, so two rows never deadlock). */
    List<LockDecision> failure(String realmId, LockoutConfig config, Optional<SubjectKey> user,
                               Optional<SubjectKey> source, String error, Event event, long now) {
        List<LockDecision> locks = new ArrayList<>();
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            // A new session has no realm; user lookups (organizations, caches) need one.
            session.getContext().setRealm(realm);
            LockoutStore store = KeycloakTransactions.store(session);
            FailureCounter counter = new FailureCounter(store, newTransaction);
            List<LockDecision> set = new ArrayList<>();
            user.flatMap(key -> counter.recordFailure(config, key, error, now)).ifPresent(set::add);
            source.flatMap(key -> counter.recordFailure(config, key, error, now)).ifPresent(set::add);
            for (LockDecision lock : set) {
                LockEnforcer.enforce(session, realm, lock);
                AlertOutbox.enqueue(session, store, realm, config, alert(session, realm, lock, event), now);
            }
            locks.addAll(set);
        });
        return locks;
    }

    void success(String realmId, SubjectKey user, long now) {
        newTransaction.run(store -> new FailureCounter(store, newTransaction).recordSuccess(user, now));
    }

    private static LockAlert alert(org.keycloak.models.KeycloakSession session, RealmModel realm, LockDecision lock,
                                   Event event) {
        boolean isUser = lock.subject().kind() == SubjectKind.USER;
        UserModel user = event.getUserId() == null ? null : session.users().getUserById(realm, event.getUserId());
        return new LockAlert(LockAlert.TYPE, realm.getName(), lock.subject().kind().value(),
                event.getUserId(), user == null ? null : user.getUsername(),
                isUser ? null : lock.subject().subject(), lock.level().value(), lock.reason(), lock.failures(),
                lock.lockedAt() / 1000, lock.level() == LockLevel.PERMANENT ? null : lock.until() / 1000,
                event.getId());
    }
}
