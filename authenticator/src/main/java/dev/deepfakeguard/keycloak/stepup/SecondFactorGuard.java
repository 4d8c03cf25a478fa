package dev.deepfakeguard.keycloak.stepup;

import dev.deepfakeguard.keycloak.contract.EventDetails;
import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.Messages;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import dev.deepfakeguard.keycloak.flow.UserStep;
import org.keycloak.models.UserModel;

import java.util.Set;

/**
 * "Deepfake Guard – Require a second factor": placed in a step-up sub-flow before the second factor itself. A
 * person who has none must not pass silently, and must not be able to enrol one on the spot either — an attacker
 * holding the password would simply enrol their own — unless the admin explicitly allows enrolment here.
 */
final class SecondFactorGuard implements UserStep {

    private static final Logger LOG = Logger.getLogger(SecondFactorGuard.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        SecondFactorGuardConfig config = SecondFactorGuardConfig.from(context.getAuthenticatorConfig());
        UserModel user = context.getUser();
        if (config.allowEnrolment() || hasAny(user, config.credentialTypes())) {
            context.success();
            return;
        }
        LOG.infof("Step-up refused for user %s in realm %s: no second factor of %s enrolled", user.getId(),
                context.getRealm().getName(), config.credentialTypes());
        context.getEvent().user(user).detail(EventDetails.REASONS, "second_factor_missing")
                .error(EventErrors.STEP_UP_FACTOR_MISSING);
        context.forceChallenge(context.form().setError(Messages.SECOND_FACTOR_MISSING)
                .createErrorPage(jakarta.ws.rs.core.Response.Status.FORBIDDEN));
    }

    private static boolean hasAny(UserModel user, Set<String> types) {
        return types.stream().anyMatch(type -> user.credentialManager().getStoredCredentialsByTypeStream(type)
                .findAny().isPresent());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }
}
