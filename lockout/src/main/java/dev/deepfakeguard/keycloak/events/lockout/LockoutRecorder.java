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

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The listener's storage work, each call in one transaction of its own: independent of the transaction of the
 * request (which may still roll back) and of the one that stores Keycloak's event, so a failure of ours can never
 * cost Keycloak its event record. Failures of one subject are counted one at a time per node ({@link KeyStripes}).
 * Shared by all sessions and the background worker.
 */
final class LockoutRecorder implements FailureStore {

    private final KeycloakSessionFactory factory;
    private final NewTransaction newTransaction;
    private final Clock clock;
    /**
     * How long a request thread waits for its subject's turn: the whole of its back-off budget, after which the
     * failure goes to the background worker (FailureIntake does not retry a {@link KeyStripes.Busy}).
     */
    static final Duration REQUEST_WAIT = Duration.ofSeconds(2);
    /** The background worker holds no request's connection, so it may wait much longer. */
    private static final Duration WORKER_WAIT = Duration.ofSeconds(30);
    private final KeyStripes stripes = new KeyStripes(256);

    LockoutRecorder(KeycloakSessionFactory factory, Clock clock) {
        this.factory = factory;
        this.newTransaction = new KeycloakTransactions(factory);
        this.clock = clock;
    }

    /**
     * Counts the failure for the user, then the source (always in this order, so two rows never deadlock), with the
     * realm's thresholds as they are now; a late count keeps the failure's own time. A subject seen for the first
     * time is created in a transaction of its own first (at most once for each of the two).
     */
    @Override
    public List<LockDecision> count(LockoutFailure failure) {
        return countWaiting(failure, REQUEST_WAIT);
    }

    /** The same counting, for the background worker: it waits longer for a busy subject's turn. */
    FailureStore patient() {
        return failure -> countWaiting(failure, WORKER_WAIT);
    }

    private List<LockDecision> countWaiting(LockoutFailure failure, Duration wait) {
        List<String> subjects = new ArrayList<>(2);
        failure.user().ifPresent(key -> subjects.add(key.id()));
        failure.source().ifPresent(key -> subjects.add(key.id()));
        return stripes.run(subjects, wait, () -> countCreatingSubjects(failure));
    }

    private List<LockDecision> countCreatingSubjects(LockoutFailure failure) {
        for (int creations = 0; ; creations++) {
            try {
                return countOnce(failure);
            } catch (FailureCounter.SubjectMissing missing) {
                if (creations == 2) {
                    throw new IllegalStateException("lockout subject " + missing.key().id() + " vanished again");
                }
                FailureCounter.create(newTransaction, missing.key(), clock.millis());
            }
        }
    }

    private List<LockDecision> countOnce(LockoutFailure failure) {
        List<LockDecision> locks = new ArrayList<>();
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            RealmModel realm = session.realms().getRealm(failure.realmId());
            if (realm == null) {
                return; // deleted meanwhile: nothing left to lock
            }
            // A new session has no realm; user lookups (organizations, caches) need one.
            session.getContext().setRealm(realm);
            LockoutConfig config = RealmLockoutConfig.of(realm);
            LockoutStore store = KeycloakTransactions.store(session);
            FailureCounter counter = new FailureCounter(store);
            long now = clock.millis();
            List<LockDecision> set = new ArrayList<>();
            failure.user().flatMap(key -> counter.recordFailure(config, key, failure.error(), failure.occurredAt(),
                    now)).ifPresent(set::add);
            failure.source().flatMap(key -> counter.recordFailure(config, key, failure.error(), failure.occurredAt(),
                    now)).ifPresent(set::add);
            Event cause = failure.cause();
            for (LockDecision lock : set) {
                LockEnforcer.enforce(session, realm, lock);
                AlertOutbox.enqueue(session, store, realm, config, alert(session, realm, lock, cause), now);
            }
            locks.addAll(set);
        });
        return locks;
    }

    void success(SubjectKey user) {
        long now = clock.millis();
        newTransaction.run(store -> new FailureCounter(store).recordSuccess(user, now));
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
