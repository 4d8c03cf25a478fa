package dev.deepfakeguard.keycloak.helpdesk.caller;

import java.time.Clock;
import java.util.Optional;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.face.reference.EnrolmentEvidence;
import dev.deepfakeguard.keycloak.flow.UserStep;
import dev.deepfakeguard.keycloak.helpdesk.CallerTransitions;
import dev.deepfakeguard.keycloak.helpdesk.DisplayName;
import dev.deepfakeguard.keycloak.helpdesk.FaceEnrolment;
import dev.deepfakeguard.keycloak.helpdesk.HelpdeskState;
import dev.deepfakeguard.keycloak.helpdesk.store.RequestEntity;
import dev.deepfakeguard.keycloak.helpdesk.store.StateChange;

/**
 * The caller's first page: who at the helpdesk asked, for which ticket, and two ways on: start the check, or "I did
 * not ask for this", which ends the request and raises an alert.
 */
final class IntroStep implements UserStep {

    static final String TEMPLATE = "deepfake-guard-helpdesk-intro.ftl";
    static final String FIELD_DECISION = "decision";
    static final String CONTINUE = "continue";
    static final String REPORT = "report";

    private final Clock clock;

    IntroStep(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Optional<RequestEntity> request = waiting(context);
        if (request.isEmpty()) {
            context.forceChallenge(CallerPages.ended(context));
            return;
        }
        UserModel agent = context.getSession().users().getUserById(context.getRealm(), request.get().getAgentId());
        context.challenge(context.form()
                .setAttribute("dfgHelpdeskAgent", agent == null ? "" : DisplayName.of(agent))
                .setAttribute("dfgHelpdeskTicket", request.get().getTicket())
                .createForm(TEMPLATE));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        String decision = context.getHttpRequest().getDecodedFormParameters().getFirst(FIELD_DECISION);
        String requestId = context.getAuthenticationSession().getAuthNote(CallerNotes.REQUEST_ID);
        CallerTransitions transitions = new CallerTransitions(context.getSession(), context.getRealm(), clock);
        if (REPORT.equals(decision) && transitions.report(requestId, context.getUser().getId())) {
            context.getEvent().user(context.getUser()).detail("dfg_helpdesk_request", requestId)
                    .error(EventErrors.HELPDESK_REPORTED);
            context.forceChallenge(CallerPages.reported(context));
            return;
        }
        if (CONTINUE.equals(decision) && waiting(context).isPresent()) {
            if (FaceEnrolment.mayOffer(context.getRealm(), context.getUser())) {
                // The liveness check then keeps the live template, offered after it with its own consent.
                EnrolmentEvidence.offer(context.getAuthenticationSession());
            }
            context.success();
            return;
        }
        context.forceChallenge(CallerPages.ended(context));
    }

    private Optional<RequestEntity> waiting(AuthenticationFlowContext context) {
        String requestId = context.getAuthenticationSession().getAuthNote(CallerNotes.REQUEST_ID);
        return new CallerTransitions(context.getSession(), context.getRealm(), clock)
                .current(requestId, context.getUser().getId())
                .filter(r -> StateChange.stateOf(r) == HelpdeskState.LINK_OPENED);
    }
}
