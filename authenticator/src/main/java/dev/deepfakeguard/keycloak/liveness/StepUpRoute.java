package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.condition.RiskConditionFactory;
import dev.deepfakeguard.keycloak.policy.Verdict;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.RealmModel;

/**
 * Whether the flow this step runs in can act on a STEP_UP: it must contain an enabled "Condition – Deepfake Guard
 * risk". Without one, STEP_UP would simply continue the login — a grey-zone score or a scorer outage would let the
 * person in — so the liveness step denies instead.
 */
final class StepUpRoute {

    private static final int MAX_DEPTH = 16;

    private StepUpRoute() {
    }

    static boolean holds(AuthenticationFlowContext context, Verdict verdict) {
        return exists(context.getRealm(), context.getTopLevelFlow());
    }

    static boolean exists(RealmModel realm, AuthenticationFlowModel topLevelFlow) {
        return topLevelFlow != null && containsRiskCondition(realm, topLevelFlow.getId(), 0);
    }

    private static boolean containsRiskCondition(RealmModel realm, String flowId, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        return realm.getAuthenticationExecutionsStream(flowId)
                .filter(execution -> !execution.isDisabled())
                .anyMatch(execution -> isRiskCondition(execution)
                        || (execution.isAuthenticatorFlow()
                        && containsRiskCondition(realm, execution.getFlowId(), depth + 1)));
    }

    private static boolean isRiskCondition(AuthenticationExecutionModel execution) {
        return RiskConditionFactory.PROVIDER_ID.equals(execution.getAuthenticator());
    }
}
