package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.flow.UserStep;
import org.keycloak.authentication.AuthenticationFlowContext;

/**
 * "Deepfake Guard – Decision on the sign-in event": a silent last step. Keycloak builds a fresh event for every
 * request, so when a second factor follows the liveness check, the LOGIN event of the request that completes the
 * sign-in would carry none of the {@code dfg_} details. This step copies them from the authentication session onto
 * that event, so every tool that reads Keycloak events sees the decision behind every login.
 */
final class DecisionEventStep implements UserStep {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        KeptDecisionDetails.copyTo(context.getAuthenticationSession(), context.getEvent());
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }
}
