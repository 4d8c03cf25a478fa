package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.policy.Verdict;
import dev.deepfakeguard.keycloak.stepup.SecondFactorsAhead;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;

/**
 * Whether this sign-in's STEP_UP can be honoured where the liveness step stands: only if a later step of the flow asks
 * this user for a second factor because of this very decision — a "Condition – Deepfake Guard risk" after the check
 * that certainly matches it, opening a sub-flow with a second factor the user holds or a "Require a second factor"
 * before it. Anything else (a condition before the check, one switched off or negated for this decision, a
 * sub-flow without a second factor, a factor Keycloak would let the user enrol on the spot) would let a grey-zone
 * score or a scorer outage in, so the liveness step denies instead.
 */
final class StepUpRoute {

    private static final Logger LOG = Logger.getLogger(StepUpRoute.class);

    private StepUpRoute() {
    }

    static boolean holds(AuthenticationFlowContext context, Verdict verdict) {
        SecondFactorsAhead ahead = SecondFactorsAhead.afterLivenessDecision(context, verdict.decision(),
                verdict.fallback());
        if (ahead.enforcesSecondFactor()) {
            return true;
        }
        LOG.warnf("Flow '%s' in realm %s has no route from the liveness check to a second factor for this step-up "
                        + "(reasons %s; ahead %s): denying instead. Place a conditional sub-flow with 'Condition – "
                        + "Deepfake Guard risk', 'Require a second factor' and the second factor after the check.",
                context.getTopLevelFlow() == null ? "-" : context.getTopLevelFlow().getAlias(),
                context.getRealm().getName(), verdict.reasonList(), ahead.describe());
        return false;
    }
}
