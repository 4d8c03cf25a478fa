package dev.deepfakeguard.keycloak.helpdesk;

import java.time.Clock;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.deepfakeguard.keycloak.face.reference.FaceTemplate;

import dev.deepfakeguard.keycloak.helpdesk.store.RequestEntity;
import dev.deepfakeguard.keycloak.helpdesk.store.RequestStore;
import dev.deepfakeguard.keycloak.helpdesk.store.StateChange;

/**
 * What the caller's side may do to a request: open the link once, report it, pass or fail the liveness check. Each
 * move locks the row first, so a link opened twice at the same moment moves the request once.
 */
public final class CallerTransitions {

    private static final Logger LOG = Logger.getLogger(CallerTransitions.class);

    private final RealmModel realm;
    private final RequestStore store;
    private final StateEvents events;
    private final Clock clock;

    public CallerTransitions(KeycloakSession session, RealmModel realm, Clock clock) {
        this.realm = realm;
        this.store = new RequestStore(session);
        this.events = new StateEvents(session, realm);
        this.clock = clock;
    }

    /** The request as it stands (expired if its time is up), when it belongs to this user. */
    public Optional<RequestEntity> current(String requestId, String userId) {
        Optional<RequestEntity> request = store.lock(realm.getId(), requestId)
                .filter(r -> r.getUserId().equals(userId));
        request.ifPresent(r -> {
            if (StateChange.expireIfDue(r, clock.millis())) {
                events.changedFor(r, StateEvents.ACTOR_SYSTEM);
            }
        });
        return request;
    }

    /** True once: the first opening of the link of an open request for this user. */
    public boolean openLink(String requestId, String userId) {
        return move(requestId, userId, HelpdeskState.REQUESTED, HelpdeskState.LINK_OPENED).isPresent();
    }

    public boolean report(String requestId, String userId) {
        Optional<RequestEntity> reported = current(requestId, userId)
                .filter(r -> StateChange.stateOf(r).canMoveTo(HelpdeskState.REPORTED))
                .filter(r -> move(r, HelpdeskState.REPORTED));
        reported.ifPresent(r -> LOG.warnf("Helpdesk request %s in realm %s REPORTED by the caller as not asked for "
                + "(ticket %s, agent %s, user %s)", r.getId(), realm.getName(), r.getTicket(), r.getAgentId(),
                r.getUserId()));
        return reported.isPresent();
    }

    /**
     * The code to show the caller, issued once; empty when the request is not waiting for the liveness result.
     * {@code consentedFace}: the template of the passed check the caller consented to enrol with the reset.
     */
    public Optional<String> passLiveness(String requestId, String userId, Optional<FaceTemplate> consentedFace) {
        return current(requestId, userId)
                .filter(r -> StateChange.stateOf(r) == HelpdeskState.LINK_OPENED)
                .map(r -> {
                    consentedFace.ifPresent(template -> FaceEnrolment.keep(r, template));
                    String code = VerificationCode.generate();
                    r.setCodeHash(VerificationCode.hash(r.getId(), code));
                    move(r, HelpdeskState.LIVENESS_PASSED);
                    return code;
                });
    }

    /** The user's open request, if it was waiting for the liveness result, ends as failed. */
    public boolean failLiveness(String userId) {
        return store.lockOpenFor(realm.getId(), userId)
                .filter(r -> StateChange.stateOf(r) == HelpdeskState.LINK_OPENED)
                .filter(r -> move(r, HelpdeskState.LIVENESS_FAILED)).isPresent();
    }

    /**
     * The user set a new password: an issued reset whose link still works is done; one whose link ran out is
     * expired (the new password came some other way).
     */
    public boolean completeReset(String userId) {
        boolean done = false;
        for (RequestEntity request : store.lockInState(realm.getId(), userId, HelpdeskState.RESET_ISSUED)) {
            if (StateChange.expireIfDue(request, clock.millis())) {
                events.changedFor(request, StateEvents.ACTOR_SYSTEM);
            } else {
                done |= move(request, HelpdeskState.DONE);
            }
        }
        return done;
    }

    private Optional<RequestEntity> move(String requestId, String userId, HelpdeskState from, HelpdeskState to) {
        return current(requestId, userId).filter(r -> StateChange.stateOf(r) == from).filter(r -> move(r, to));
    }

    private boolean move(RequestEntity request, HelpdeskState to) {
        if (!StateChange.move(request, to, clock.millis())) {
            return false;
        }
        events.changedFor(request, StateEvents.ACTOR_CALLER);
        return true;
    }
}
