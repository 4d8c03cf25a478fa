package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.LockoutEventDetails;
import dev.deepfakeguard.keycloak.events.lockout.store.LockLevel;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKind;
import org.keycloak.common.ClientConnection;
import org.keycloak.events.Event;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The Keycloak event of a lock. Extensions cannot add event types, so a lock is reported with the type of the event
 * that caused it ({@code LOGIN_ERROR}, {@code RESET_PASSWORD_ERROR}, …) and the error {@code liveness_locked}, the
 * same error the steps use when they refuse a locked user; {@code dfg_lock_action=locked} tells the two apart.
 */
final class LockEvents {

    private LockEvents() {
    }

    static void locked(KeycloakSession session, RealmModel realm, Event cause, LockDecision lock) {
        EventBuilder event = new EventBuilder(realm, session, new SourceConnection(cause.getIpAddress()))
                .event(cause.getType())
                .client(cause.getClientId())
                .user(cause.getUserId())
                .session(cause.getSessionId())
                .detail(LockoutEventDetails.ACTION, LockoutEventDetails.ACTION_LOCKED)
                .detail(LockoutEventDetails.SUBJECT_KIND, lock.subject().kind().value())
                .detail(LockoutEventDetails.LEVEL, lock.level().value())
                .detail(LockoutEventDetails.REASON, lock.reason())
                .detail(LockoutEventDetails.FAILURES, Integer.toString(lock.failures()));
        if (lock.level() == LockLevel.TEMPORARY) {
            event.detail(LockoutEventDetails.UNTIL, Long.toString(lock.until() / 1000));
        }
        if (lock.subject().kind() == SubjectKind.SOURCE) {
            event.ipAddress(lock.subject().subject());
        }
        event.error(EventErrors.LIVENESS_LOCKED);
    }

    /** The address of the request that caused the lock; the listener may run where no connection is attached. */
    private record SourceConnection(String address) implements ClientConnection {
        @Override
        public String getRemoteAddr() {
            return address;
        }

        @Override
        public String getRemoteHost() {
            return address;
        }

        @Override
        public int getRemotePort() {
            return 0;
        }

        @Override
        public String getLocalAddr() {
            return null;
        }

        @Override
        public int getLocalPort() {
            return 0;
        }
    }
}
