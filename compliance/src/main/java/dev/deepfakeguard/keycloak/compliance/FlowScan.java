package dev.deepfakeguard.keycloak.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

import dev.deepfakeguard.keycloak.compliance.ComplianceReport.Flag;
import dev.deepfakeguard.keycloak.compliance.ComplianceReport.LivenessStep;
import dev.deepfakeguard.keycloak.condition.RiskConditionFactory;
import dev.deepfakeguard.keycloak.liveness.LivenessAuthenticatorFactory;
import dev.deepfakeguard.keycloak.stepup.SecondFactorGuardFactory;

/**
 * Finds every liveness step in the realm's flows, with its settings and whether a step-up can go anywhere: a
 * "Condition – Deepfake Guard risk" later in the same top-level flow, in a sub-flow that also asks for a second
 * factor. This is the static reading of what the step checks at run time; where it says no, the step denies every
 * step-up decision.
 */
final class FlowScan {

    private static final String CONFIG_PREFIX = "dfg.";
    /** Second factors a risk condition's sub-flow can ask for. */
    private static final Set<String> SECOND_FACTORS = Set.of(SecondFactorGuardFactory.PROVIDER_ID, "auth-otp-form",
            "webauthn-authenticator", "auth-recovery-authn-code-form");

    private final RealmModel realm;
    private final List<LivenessStep> steps = new ArrayList<>();
    private final List<Flag> flags = new ArrayList<>();

    FlowScan(RealmModel realm) {
        this.realm = realm;
    }

    List<LivenessStep> steps() {
        return steps;
    }

    List<Flag> flags() {
        return flags;
    }

    FlowScan run() {
        Map<String, String> bindings = bindings();
        realm.getAuthenticationFlowsStream().filter(AuthenticationFlowModel::isTopLevel).forEach(flow -> {
            List<Visited> order = new ArrayList<>();
            walk(flow, flow.getAlias(), order);
            for (int i = 0; i < order.size(); i++) {
                Visited visited = order.get(i);
                if (LivenessAuthenticatorFactory.PROVIDER_ID.equals(visited.execution().getAuthenticator())) {
                    step(visited, bindings.getOrDefault(flow.getId(), "none"), routeAfter(order, i));
                }
            }
        });
        if (steps.stream().noneMatch(step -> !"none".equals(step.boundAs()) && "REQUIRED".equals(step.requirement()))) {
            flags.add(Flag.error("no_liveness_in_use", "flows", "No flow bound to the realm has a REQUIRED liveness "
                    + "step: nobody is checked."));
        }
        return this;
    }

    private record Visited(AuthenticationExecutionModel execution, String path, String parentFlowId) {
    }

    private void walk(AuthenticationFlowModel flow, String path, List<Visited> order) {
        realm.getAuthenticationExecutionsStream(flow.getId()).forEach(execution -> {
            if (execution.isAuthenticatorFlow()) {
                AuthenticationFlowModel sub = realm.getAuthenticationFlowById(execution.getFlowId());
                if (sub != null) {
                    walk(sub, path + " > " + sub.getAlias(), order);
                }
            } else {
                order.add(new Visited(execution, path + " > " + execution.getAuthenticator(), flow.getId()));
            }
        });
    }

    private static boolean routeAfter(List<Visited> order, int index) {
        for (int i = index + 1; i < order.size(); i++) {
            Visited condition = order.get(i);
            if (RiskConditionFactory.PROVIDER_ID.equals(condition.execution().getAuthenticator())
                    && !condition.execution().isDisabled()) {
                boolean factor = order.stream().skip(i + 1L)
                        .filter(v -> v.parentFlowId().equals(condition.parentFlowId()))
                        .anyMatch(v -> SECOND_FACTORS.contains(v.execution().getAuthenticator())
                                && !v.execution().isDisabled());
                if (factor) {
                    return true;
                }
            }
        }
        return false;
    }

    private void step(Visited visited, String boundAs, boolean route) {
        AuthenticationExecutionModel execution = visited.execution();
        Map<String, String> settings = new TreeMap<>();
        if (execution.getAuthenticatorConfig() != null) {
            AuthenticatorConfigModel config = realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig());
            if (config != null && config.getConfig() != null) {
                config.getConfig().forEach((key, value) -> {
                    if (key.startsWith(CONFIG_PREFIX)) {
                        settings.put(key, value);
                    }
                });
            }
        }
        String requirement = execution.getRequirement() == null ? "DISABLED" : execution.getRequirement().name();
        steps.add(new LivenessStep(visited.path(), boundAs, requirement, settings, route));
        if (!"none".equals(boundAs) && !"REQUIRED".equals(requirement)) {
            flags.add(Flag.error("liveness_not_required", visited.path(), "The liveness step is " + requirement
                    + "; only REQUIRED checks everyone who passes this flow."));
        }
        if (!route && !"none".equals(boundAs) && "REQUIRED".equals(requirement)) {
            flags.add(Flag.warning("step_up_without_route", visited.path(), "No 'Condition – Deepfake Guard risk' "
                    + "with a second factor follows this step, so every STEP_UP decision (grey zone, scorer "
                    + "fallback) is denied instead."));
        }
    }

    private Map<String, String> bindings() {
        Map<String, String> bound = new TreeMap<>();
        put(bound, realm.getBrowserFlow(), "browser");
        put(bound, realm.getResetCredentialsFlow(), "reset credentials");
        put(bound, realm.getDirectGrantFlow(), "direct grant");
        put(bound, realm.getRegistrationFlow(), "registration");
        put(bound, realm.getFirstBrokerLoginFlow(), "first broker login");
        put(bound, realm.getClientAuthenticationFlow(), "client authentication");
        put(bound, realm.getDockerAuthenticationFlow(), "docker");
        return bound;
    }

    private static void put(Map<String, String> bound, AuthenticationFlowModel flow, String name) {
        if (flow != null) {
            bound.merge(flow.getId(), name, (a, b) -> a + ", " + b);
        }
    }
}
