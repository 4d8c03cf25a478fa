package dev.deepfakeguard.keycloak.helpdesk.caller;

import java.time.Clock;
import java.util.Optional;

import org.keycloak.authentication.AuthenticationFlowContext;

import dev.deepfakeguard.keycloak.flow.UserStep;
import dev.deepfakeguard.keycloak.helpdesk.CallerTransitions;

/**
 * After the liveness check: records the pass and shows the code once, for the caller to read to the agent. The flow
 * ends here: it never signs the caller in, so the link grants nothing but the code.
 */
final class CodeStep implements UserStep {

    private final Clock clock;

    CodeStep(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        String requestId = context.getAuthenticationSession().getAuthNote(CallerNotes.REQUEST_ID);
        Optional<String> code = new CallerTransitions(context.getSession(), context.getRealm(), clock)
                .passLiveness(requestId, context.getUser().getId());
        if (code.isEmpty()) {
            context.forceChallenge(CallerPages.ended(context));
            return;
        }
        context.getEvent().user(context.getUser()).detail("dfg_helpdesk_request", requestId);
        context.forceChallenge(CallerPages.code(context, code.get()));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        context.forceChallenge(CallerPages.ended(context));
    }
}
