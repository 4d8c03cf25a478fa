package dev.deepfakeguard.keycloak.helpdesk;

import java.time.Clock;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

import dev.deepfakeguard.keycloak.helpdesk.store.ContactChanges;
import dev.deepfakeguard.keycloak.helpdesk.store.RequestEntity;
import dev.deepfakeguard.keycloak.helpdesk.store.RequestStore;
import dev.deepfakeguard.keycloak.helpdesk.store.StateChange;

/**
 * What agents and approvers may do with requests. A request the agent may not see is "not found", exactly like an
 * unknown id, so ids cannot be probed; every change is checked against the state machine under a row lock.
 */
public final class HelpdeskRequests {

    private static final Logger LOG = Logger.getLogger(HelpdeskRequests.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final HelpdeskSettings settings;
    private final Clock clock;
    private final RequestStore store;
    private final StateEvents events;

    public HelpdeskRequests(KeycloakSession session, RealmModel realm, HelpdeskSettings settings, Clock clock) {
        this.session = session;
        this.realm = realm;
        this.settings = settings;
        this.clock = clock;
        this.store = new RequestStore(session);
        this.events = new StateEvents(session, realm);
    }

    public RequestView start(Agent agent, String userId, String ticket) {
        requireVerifier(agent);
        UserModel user = manageableUser(agent, userId);
        String cleanTicket = Ticket.clean(ticket);
        if (user.getEmail() == null || !user.isEmailVerified()) {
            throw new HelpdeskRefusal(Refusal.NO_CHANNEL, "user " + user.getId() + " has no verified e-mail");
        }
        requireSettledContact(user);
        boolean privileged = PrivilegedTarget.isPrivileged(session, realm, user, settings.privilegedGroups());
        String id = insertWithinLimits(agent, user, cleanTicket, privileged);
        RequestEntity request = store.lock(realm.getId(), id).orElseThrow();
        try {
            new CallerLink(session, realm).send(request, user, agent.user(),
                    RealmHelpdeskOptions.linkTtl(realm, settings.linkTtl()));
        } catch (EmailException e) {
            LOG.warnf("Helpdesk request %s in realm %s: the link could not be sent: %s", id, realm.getName(),
                    e.getMessage());
            StateChange.move(request, HelpdeskState.CANCELLED, clock.millis());
            events.changed(request, agent.auth(), StateEvents.ACTOR_SYSTEM);
            throw new HelpdeskRefusal(Refusal.DELIVERY_FAILED, "e-mail delivery failed");
        }
        events.changed(request, agent.auth(), StateEvents.ACTOR_AGENT);
        return view(request, agent);
    }

    public RequestView status(Agent agent, String id) {
        return view(visible(agent, id), agent);
    }

    public RequestView enterCode(Agent agent, String id, String code) {
        RequestEntity request = ownOpen(agent, id, HelpdeskState.LIVENESS_PASSED);
        if (VerificationCode.matches(request.getId(), request.getCodeHash(), code)) {
            return moved(request, HelpdeskState.CODE_CONFIRMED, agent, StateEvents.ACTOR_AGENT);
        }
        request.setCodeAttempts(request.getCodeAttempts() + 1);
        UserModel user = session.users().getUserById(realm, request.getUserId());
        if (user != null) {
            HelpdeskFailures.wrongCode(session, realm, user, request.getId());
        }
        if (request.getCodeAttempts() >= settings.codeAttempts()) {
            moved(request, HelpdeskState.CODE_FAILED, agent, StateEvents.ACTOR_AGENT);
        }
        throw new HelpdeskRefusal(Refusal.WRONG_CODE, "wrong code for request " + id + ", attempt "
                + request.getCodeAttempts());
    }

    public RequestView approve(Agent agent, String id) {
        if (!agent.approver()) {
            throw new HelpdeskRefusal(Refusal.FORBIDDEN, "agent " + agent.id() + " is no approver");
        }
        RequestEntity request = visible(agent, id);
        if (request.getAgentId().equals(agent.id())) {
            throw new HelpdeskRefusal(Refusal.OWN_REQUEST, "agent " + agent.id() + " approving own request " + id);
        }
        manageableUser(agent, request.getUserId());
        if (!request.isPrivileged() || StateChange.stateOf(request) != HelpdeskState.CODE_CONFIRMED) {
            throw new HelpdeskRefusal(Refusal.WRONG_STATE, "request " + id + " is " + request.getState());
        }
        request.setApproverId(agent.id());
        return moved(request, HelpdeskState.APPROVED, agent, StateEvents.ACTOR_APPROVER);
    }

    public RequestView issueReset(Agent agent, String id) {
        RequestEntity request = own(agent, id);
        HelpdeskState state = StateChange.stateOf(request);
        if (state == HelpdeskState.CODE_CONFIRMED && request.isPrivileged()) {
            throw new HelpdeskRefusal(Refusal.APPROVAL_REQUIRED, "request " + id + " needs an approver");
        }
        if (state != HelpdeskState.CODE_CONFIRMED && state != HelpdeskState.APPROVED) {
            throw new HelpdeskRefusal(Refusal.WRONG_STATE, "request " + id + " is " + request.getState());
        }
        UserModel user = manageableUser(agent, request.getUserId());
        boolean reenrolOtp = OtpReenrolment.wanted(realm, user);
        try {
            new ResetIssuer(session, realm).issue(user, settings.resetTtl(), reenrolOtp);
        } catch (EmailException e) {
            LOG.warnf("Helpdesk request %s in realm %s: the reset could not be sent: %s", id, realm.getName(),
                    e.getMessage());
            throw new HelpdeskRefusal(Refusal.DELIVERY_FAILED, "e-mail delivery failed");
        }
        // From now on the request ends when the reset link does: done if the user sets a password, else expired.
        request.setExpiresAt(clock.millis() + settings.resetTtl().toMillis());
        request.setResetAt(clock.millis());
        request.setReenrolOtp(reenrolOtp);
        boolean faceEnrolled = FaceEnrolment.onReset(session, realm, user, request, clock);
        StateChange.move(request, HelpdeskState.RESET_ISSUED, clock.millis());
        events.changed(request, agent.auth(), StateEvents.ACTOR_AGENT,
                faceEnrolled ? HelpdeskNames.FACE_ENROLLED : null);
        RequestView issued = view(request, agent);
        new ResetNotice(session, realm).send(user, request.getTicket(), settings.securityContact());
        return issued;
    }

    public RequestView cancel(Agent agent, String id) {
        RequestEntity request = own(agent, id);
        if (!StateChange.stateOf(request).canMoveTo(HelpdeskState.CANCELLED)) {
            throw new HelpdeskRefusal(Refusal.WRONG_STATE, "request " + id + " is " + request.getState());
        }
        return moved(request, HelpdeskState.CANCELLED, agent, StateEvents.ACTOR_AGENT);
    }

    /** Refuses while the e-mail address on file changed within the configured block (it may be the attacker's). */
    private void requireSettledContact(UserModel user) {
        if (settings.contactBlock().isZero()) {
            return;
        }
        long now = clock.millis();
        long changed = new ContactChanges(session).lastChange(realm.getId(), user, now);
        if (now - changed < settings.contactBlock().toMillis()) {
            throw new HelpdeskRefusal(Refusal.CONTACT_CHANGED_RECENTLY, "e-mail of user " + user.getId()
                    + " changed at " + changed);
        }
    }

    private String insertWithinLimits(Agent agent, UserModel user, String ticket, boolean privileged) {
        long now = clock.millis();
        try {
            // Own transaction: a second open request for the user fails on the unique key at commit, and that
            // failure must not take this request's transaction with it.
            return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), inner -> {
                RequestStore own = new RequestStore(inner);
                Refusal refusal = settings.limits().check(own.counts(realm.getId(), user.getId(), agent.id(), now));
                if (refusal != null) {
                    throw new HelpdeskRefusal(refusal, "rate limit for user " + user.getId() + " / agent "
                            + agent.id());
                }
                return own.insert(realm.getId(), user.getId(), agent.id(), ticket, privileged, now,
                        now + settings.requestTtl().toMillis()).getId();
            });
        } catch (HelpdeskRefusal refusal) {
            throw refusal;
        } catch (RuntimeException e) {
            LOG.infof("Helpdesk request for user %s in realm %s lost a race for the open slot: %s", user.getId(),
                    realm.getName(), e.toString());
            throw new HelpdeskRefusal(Refusal.USER_HAS_OPEN_REQUEST, "concurrent request for user " + user.getId());
        }
    }

    private RequestView moved(RequestEntity request, HelpdeskState next, Agent agent, String actor) {
        if (!StateChange.move(request, next, clock.millis())) {
            throw new HelpdeskRefusal(Refusal.WRONG_STATE, "request " + request.getId() + " is "
                    + request.getState());
        }
        events.changed(request, agent.auth(), actor);
        return view(request, agent);
    }

    /** The agent's own request in {@code state}. */
    private RequestEntity ownOpen(Agent agent, String id, HelpdeskState state) {
        RequestEntity request = own(agent, id);
        if (StateChange.stateOf(request) != state) {
            throw new HelpdeskRefusal(Refusal.WRONG_STATE, "request " + id + " is " + request.getState());
        }
        return request;
    }

    private RequestEntity own(Agent agent, String id) {
        requireVerifier(agent);
        RequestEntity request = visible(agent, id);
        if (!request.getAgentId().equals(agent.id())) {
            throw new HelpdeskRefusal(Refusal.NOT_FOUND, "request " + id + " belongs to another agent");
        }
        return request;
    }

    /** Locked, expired when due; only for its agent or an approver who may manage its user. */
    private RequestEntity visible(Agent agent, String id) {
        RequestEntity request = store.lock(realm.getId(), id)
                .orElseThrow(() -> new HelpdeskRefusal(Refusal.NOT_FOUND, "no request " + id));
        boolean mine = request.getAgentId().equals(agent.id()) && agent.verifier();
        boolean approving = agent.approver() && !request.getAgentId().equals(agent.id());
        if (!mine && !approving) {
            throw new HelpdeskRefusal(Refusal.NOT_FOUND, "request " + id + " not visible to " + agent.id());
        }
        manageableUser(agent, request.getUserId());
        if (StateChange.expireIfDue(request, clock.millis())) {
            events.changed(request, agent.auth(), StateEvents.ACTOR_SYSTEM);
        }
        return request;
    }

    private UserModel manageableUser(Agent agent, String userId) {
        UserModel user = userId == null || userId.length() > 36 ? null : session.users().getUserById(realm, userId);
        if (user == null || !AdminPermissions.evaluator(session, realm, agent.auth()).users().canManage(user)) {
            throw new HelpdeskRefusal(Refusal.NOT_FOUND, "user " + userId + " unknown or not manageable by "
                    + agent.id());
        }
        return user;
    }

    private static void requireVerifier(Agent agent) {
        if (!agent.verifier()) {
            throw new HelpdeskRefusal(Refusal.FORBIDDEN, "agent " + agent.id() + " is no verifier");
        }
    }

    private RequestView view(RequestEntity request, Agent agent) {
        return RequestView.of(request, agent.id(), settings.codeAttempts());
    }
}
