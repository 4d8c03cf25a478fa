package dev.deepfakeguard.keycloak.stepup;

import dev.deepfakeguard.keycloak.contract.EventDetails;
import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.LivenessNotes;
import dev.deepfakeguard.keycloak.contract.Messages;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.flow.UserStep;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * "Deepfake Guard – Require a second factor": placed in a step-up sub-flow before the second factor itself. A
 * person must hold a credential that the steps after it in this flow actually ask for — holding some other factor is
 * not enough, because Keycloak would then offer to enrol the one that is asked for, and an attacker holding the
 * password would simply enrol their own — unless the admin explicitly allows enrolment here.
 */
final class SecondFactorGuard implements UserStep {

    private static final Logger LOG = Logger.getLogger(SecondFactorGuard.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        SecondFactorGuardConfig config = SecondFactorGuardConfig.from(context.getAuthenticatorConfig());
        if (config.allowEnrolment()) {
            context.success();
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        SecondFactorsAhead ahead = SecondFactorsAhead.after(context, config.credentialTypes(),
                LivenessNotes.decision(authSession).orElse(null), LivenessNotes.fallback(authSession));
        switch (ahead.coverageUntilNextGuard()) {
            case HELD -> context.success();
            case MISSING -> refuse(context, ReasonCodes.SECOND_FACTOR_MISSING, ahead);
            case NONE -> {
                LOG.errorf("'Deepfake Guard – Require a second factor' in flow '%s' of realm %s is followed by no "
                        + "step that asks for one of %s; it refuses every sign-in until a second factor follows it",
                        context.getTopLevelFlow() == null ? "-" : context.getTopLevelFlow().getAlias(),
                        context.getRealm().getName(), config.credentialTypes());
                refuse(context, ReasonCodes.SECOND_FACTOR_NOT_IN_FLOW, ahead);
            }
        }
    }

    private static void refuse(AuthenticationFlowContext context, String reason, SecondFactorsAhead ahead) {
        UserModel user = context.getUser();
        LOG.infof("Step-up refused for user %s in realm %s: %s, ahead %s", user.getId(), context.getRealm().getName(),
                reason, ahead.describe());
        context.getEvent().user(user).detail(EventDetails.REASONS, reason).error(EventErrors.STEP_UP_FACTOR_MISSING);
        context.forceChallenge(context.form().setError(Messages.SECOND_FACTOR_MISSING)
                .createErrorPage(Response.Status.FORBIDDEN));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }
}
