package dev.deepfakeguard.keycloak.helpdesk.caller;

import java.time.Clock;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.sessions.AuthenticationSessionModel;

import dev.deepfakeguard.keycloak.face.reference.EnrolmentEvidence;
import dev.deepfakeguard.keycloak.face.reference.FaceTemplate;
import dev.deepfakeguard.keycloak.flow.UserStep;
import dev.deepfakeguard.keycloak.helpdesk.CallerTransitions;
import dev.deepfakeguard.keycloak.helpdesk.FaceEnrolment;

/**
 * After the liveness check: where the caller may enrol a face reference, first its disclosure and explicit consent
 * (the template is the passed check's own, kept server-side by the check); then records the pass and shows the code
 * once, for the caller to read to the agent. The flow ends here: it never signs the caller in, so the link grants
 * nothing but the code.
 */
final class CodeStep implements UserStep {

    static final String ACTION = "dfg_action";
    static final String ENROL = "enrol";
    static final String CONSENT = "dfg_consent";
    static final String CONSENT_REQUIRED = "dfgEnrolConsentRequired";

    private final Clock clock;

    CodeStep(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (offer(context).isPresent()) {
            context.challenge(CallerPages.enrol(context, null));
            return;
        }
        showCode(context, Optional.empty());
    }

    /** Only the enrolment page posts here; without a kept template the flow has nothing left to do. */
    @Override
    public void action(AuthenticationFlowContext context) {
        Optional<FaceTemplate> template = offer(context);
        if (template.isEmpty()) {
            context.forceChallenge(CallerPages.ended(context));
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        boolean enrol = ENROL.equals(form.getFirst(ACTION));
        if (enrol && !"yes".equals(form.getFirst(CONSENT))) {
            context.challenge(CallerPages.enrol(context, CONSENT_REQUIRED));
            return;
        }
        showCode(context, enrol ? template : Optional.empty());
    }

    /** The kept template of the passed check, where this flow offered the enrolment and the user still may. */
    private static Optional<FaceTemplate> offer(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (!EnrolmentEvidence.offered(authSession) || !FaceEnrolment.mayOffer(context.getRealm(), context.getUser())) {
            return Optional.empty();
        }
        return EnrolmentEvidence.read(authSession);
    }

    private void showCode(AuthenticationFlowContext context, Optional<FaceTemplate> consented) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        EnrolmentEvidence.discard(authSession);
        String requestId = authSession.getAuthNote(CallerNotes.REQUEST_ID);
        Optional<String> code = new CallerTransitions(context.getSession(), context.getRealm(), clock)
                .passLiveness(requestId, context.getUser().getId(), consented);
        if (code.isEmpty()) {
            context.forceChallenge(CallerPages.ended(context));
            return;
        }
        context.getEvent().user(context.getUser()).detail("dfg_helpdesk_request", requestId);
        context.forceChallenge(CallerPages.code(context, code.get()));
    }
}
