package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.LockoutEventDetails;
import dev.deepfakeguard.keycloak.events.lockout.store.LockLevel;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKind;
import dev.deepfakeguard.keycloak.metrics.lockout.LockoutMeters;
import org.jboss.logging.Logger;
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

    private static final Logger LOG = Logger.getLogger(LockEvents.class);

    private LockEvents() {
    }

    static void locked(KeycloakSession session, RealmModel realm, Event cause, LockDecision lock) {
        EventBuilder event = about(session, realm, cause)
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
        LockoutMeters.global().locked(realm.getName(), lock.subject().kind().value(), lock.level().value(),
                lock.reason());
    }

    /**
     * A failure counted only after it waited for the database ({@code dfg_lock_action=counted_late}, with the delay):
     * its lock, if it set one, came late by that much. Error {@link EventErrors#LIVENESS_COUNT_DELAYED}.
     */
    static void countedLate(KeycloakSession session, RealmModel realm, Event cause, long delayMillis) {
        about(session, realm, cause).detail(LockoutEventDetails.ACTION, LockoutEventDetails.ACTION_COUNTED_LATE)
                .detail(LockoutEventDetails.DELAY_MILLIS, Long.toString(delayMillis))
                .error(EventErrors.LIVENESS_COUNT_DELAYED);
    }

    /**
     * A failure that could not be counted at all ({@code dfg_lock_action=count_lost}). Best effort: the database is
     * in trouble when this happens, so the event may reach only the listeners that do not store it; the log line of
     * {@link FailureIntake} is the record that always exists.
     */
    static void countLost(KeycloakSession session, RealmModel realm, Event cause) {
        try {
            about(session, realm, cause).detail(LockoutEventDetails.ACTION, LockoutEventDetails.ACTION_COUNT_LOST)
                    .error(EventErrors.LIVENESS_COUNT_DELAYED);
        } catch (RuntimeException e) {
            LOG.warnf("Deepfake Guard lockout could not emit the event of a lost failure count: %s", e);
        }
    }

    private static EventBuilder about(KeycloakSession session, RealmModel realm, Event cause) {
        return new EventBuilder(realm, session, new SourceConnection(cause.getIpAddress()))
                .event(cause.getType())
                .client(cause.getClientId())
                .user(cause.getUserId())
                .session(cause.getSessionId());
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
