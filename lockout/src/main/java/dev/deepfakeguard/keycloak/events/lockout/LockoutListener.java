package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.alerting.DeepfakeRateAlert;
import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.LivenessNotes;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKey;
import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.time.Clock;
import java.util.Optional;

/**
 * {@code deepfake-guard-lockout}: turns Deepfake Guard failures into counts and locks. It runs on the request
 * thread, so it only reads the event, writes rows (failure, lock, outbox) in one short transaction of its own
 * ({@link FailureIntake}: retried with back-off, else counted later in the background) and emits the lock event after
 * that commit; alerts go out later from the outbox.
 */
final class LockoutListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(LockoutListener.class);

    private final KeycloakSession session;
    private final LockoutRecorder recorder;
    private final FailureIntake intake;
    private final DeepfakeRateAlert rateAlert;
    private final Clock clock;

    LockoutListener(KeycloakSession session, LockoutRecorder recorder, FailureIntake intake, Clock clock,
                    DeepfakeRateAlert rateAlert) {
        this.rateAlert = rateAlert;
        this.session = session;
        this.recorder = recorder;
        this.intake = intake;
        this.clock = clock;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getRealmId() == null || event.getType() == null) {
            LOG.debugf("Deepfake Guard lockout ignores an event without realm or type (id %s)", event.getId());
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            LOG.warnf("Deepfake Guard lockout ignores event %s of unknown realm %s", event.getId(),
                    event.getRealmId());
            return;
        }
        rateAlert.observe(session, realm, event);
        LockoutConfig config = RealmLockoutConfig.of(realm);
        Optional<Signal> signal = EventClassifier.classify(event, config, () -> sessionDecision(realm, event));
        if (signal.isEmpty()) {
            if (EventClassifier.looksOwn(event.getError())) {
                LOG.infof("Deepfake Guard lockout ignores unknown error '%s' of event %s", event.getError(),
                        event.getId());
            }
            return;
        }
        long now = clock.millis();
        Optional<SubjectKey> user = key(event.getUserId(), id -> SubjectKey.user(realm.getId(), id));
        Optional<SubjectKey> source = config.sourceMaxFailures() > 0 ? sourceKey(realm, config, event)
                : Optional.empty();
        if (signal.get().kind() == Signal.Kind.SUCCESS) {
            user.ifPresent(this::restartCount);
            return;
        }
        if (user.isEmpty() && source.isEmpty()) {
            LOG.warnf("Deepfake Guard lockout cannot count event %s (%s): it names neither user nor source",
                    event.getId(), event.getError());
            return;
        }
        LockoutFailure failure = new LockoutFailure(realm.getId(), user, source, signal.get().error(), now, event);
        FailureIntake.Result result = intake.accept(failure);
        switch (result.outcome()) {
            case COUNTED -> result.locks().forEach(lock -> LockEvents.locked(session, realm, event, lock));
            case DEFERRED -> { } // logged; the worker reports it once counted
            case LOST -> LockEvents.countLost(session, realm, event);
        }
    }

    /** A failed restart only leaves earlier failures counting: the safe side, so it is logged, not retried. */
    private void restartCount(SubjectKey user) {
        try {
            recorder.success(user);
        } catch (RuntimeException e) {
            LOG.warnf("Deepfake Guard lockout could not restart the count of user %s after a success (%s); earlier "
                    + "failures still count", user.subject(), e);
        }
    }

    /** The event's client address as a source (its /64 for IPv6 by default); none for anything but an address. */
    private static Optional<SubjectKey> sourceKey(RealmModel realm, LockoutConfig config, Event event) {
        Optional<String> source = config.sourcePrefix().key(event.getIpAddress());
        if (source.isEmpty() && event.getIpAddress() != null) {
            LOG.warnf("Deepfake Guard lockout counts event %s for the user only: its address is no IP address",
                    event.getId());
        }
        return source.map(key -> SubjectKey.source(realm.getId(), key));
    }

    private static Optional<SubjectKey> key(String value, java.util.function.Function<String, SubjectKey> factory) {
        if (value == null || value.isBlank() || value.length() > 200) {
            return Optional.empty();
        }
        return Optional.of(factory.apply(value));
    }

    /**
     * The decision of the sign-in the event belongs to: the authentication session of an error event (Keycloak
     * re-attaches it to the session that sends error events), or the user session of a LOGIN.
     */
    private Optional<Decision> sessionDecision(RealmModel realm, Event event) {
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        Optional<Decision> decision = authSession == null ? Optional.empty() : LivenessNotes.decision(authSession);
        if (decision.isEmpty() && event.getSessionId() != null) {
            UserSessionModel userSession = session.sessions().getUserSession(realm, event.getSessionId());
            decision = userSession == null ? Optional.empty() : LivenessNotes.decision(userSession);
        }
        return decision;
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        // Admin actions are never liveness failures.
    }

    @Override
    public void close() {
    }
}
