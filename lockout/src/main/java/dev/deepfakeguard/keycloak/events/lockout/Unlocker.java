package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.events.lockout.store.LockLevel;
import dev.deepfakeguard.keycloak.events.lockout.store.LockoutStore;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectEntity;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKey;
import org.jboss.logging.Logger;
import org.keycloak.models.UserModel;

import java.time.Clock;
import java.util.Optional;

/**
 * An admin's unlock, in the admin request's transaction: the lock row, the user's attribute, and the disabled flag of
 * a permanent lock. The count restarts; the lock history stays, so the escalation rule still sees earlier locks.
 */
public final class Unlocker {

    private static final Logger LOG = Logger.getLogger(Unlocker.class);

    private final LockoutStore store;
    private final Clock clock;

    public Unlocker(LockoutStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @return whether there was a lock (row or attribute) to lift */
    public boolean unlockUser(SubjectKey key, UserModel user) {
        long now = clock.millis();
        Optional<SubjectEntity> subject = store.lockSubject(key);
        boolean rowLocked = subject.filter(s -> s.getLockedUntil() > now).isPresent();
        boolean permanent = subject.filter(s -> LockLevel.PERMANENT.value().equals(s.getLockLevel())).isPresent();
        boolean attributeSet = user.getFirstAttribute(
                dev.deepfakeguard.keycloak.lockout.UserAttributeLockoutLookup.LOCKED_UNTIL) != null;
        subject.ifPresent(s -> store.unlock(s, now));
        LockEnforcer.release(user, permanent);
        LOG.infof("Deepfake Guard lock of user %s lifted by an admin", user.getId());
        return rowLocked || attributeSet;
    }

    public boolean unlockSource(SubjectKey key) {
        long now = clock.millis();
        Optional<SubjectEntity> subject = store.lockSubject(key);
        boolean locked = subject.filter(s -> s.getLockedUntil() > now).isPresent();
        subject.ifPresent(s -> store.unlock(s, now));
        return locked;
    }
}
