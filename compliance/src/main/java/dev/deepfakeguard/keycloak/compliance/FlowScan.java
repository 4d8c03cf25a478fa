package dev.deepfakeguard.keycloak.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.deepfakeguard.keycloak.compliance.ComplianceReport.Flag;
import dev.deepfakeguard.keycloak.compliance.ComplianceReport.LivenessStep;
import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.liveness.LivenessAuthenticatorFactory;
import dev.deepfakeguard.keycloak.stepup.SecondFactorsAhead;

/**
 * Finds every liveness step in the realm's flows, with its settings, its scorer and that scorer's newest model
 * version, and where a STEP_UP leads: the second factors that the rest of the flow certainly asks for after a
 * STEP_UP of this step, read by {@link SecondFactorsAhead}, the same walk the step makes at sign-in. Where it leads
 * nowhere, the step denies every step-up decision.
 */
final class FlowScan {

    private static final String CONFIG_PREFIX = "dfg.";
    private static final String SCORER = "dfg.scorer";
    private static final String DEFAULT_SCORER = "embedded";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ScorerVersions versions;
    private final List<LivenessStep> steps = new ArrayList<>();
    private final List<Flag> flags = new ArrayList<>();

    FlowScan(KeycloakSession session, RealmModel realm, ScorerVersions versions) {
        this.session = session;
        this.realm = realm;
        this.versions = versions;
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
            for (Visited visited : order) {
                if (LivenessAuthenticatorFactory.PROVIDER_ID.equals(visited.execution().getAuthenticator())) {
                    step(visited, bindings.getOrDefault(flow.getId(), "none"));
                }
            }
        });
        if (steps.stream().noneMatch(step -> !"none".equals(step.boundAs()) && "REQUIRED".equals(step.requirement()))) {
            flags.add(Flag.error("no_liveness_in_use", "flows", "No flow bound to the realm has a REQUIRED liveness "
                    + "step: nobody is checked."));
        }
        return this;
    }

    private record Visited(AuthenticationExecutionModel execution, String path) {
    }

    private void walk(AuthenticationFlowModel flow, String path, List<Visited> order) {
        realm.getAuthenticationExecutionsStream(flow.getId()).forEach(execution -> {
            if (execution.isAuthenticatorFlow()) {
                AuthenticationFlowModel sub = realm.getAuthenticationFlowById(execution.getFlowId());
                if (sub != null) {
                    walk(sub, path + " > " + sub.getAlias(), order);
                }
            } else {
                order.add(new Visited(execution, path + " > " + execution.getAuthenticator()));
            }
        });
    }

    private void step(Visited visited, String boundAs) {
        AuthenticationExecutionModel execution = visited.execution();
        // The very walk the step makes at sign-in (SecondFactorsAhead), here without a user.
        List<String> stepUp = SecondFactorsAhead.inFlow(session, realm, execution, Decision.STEP_UP, false).leadsTo();
        List<String> fallback = SecondFactorsAhead.inFlow(session, realm, execution, Decision.STEP_UP, true)
                .leadsTo();
        boolean route = !stepUp.isEmpty();
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
        String scorer = settings.getOrDefault(SCORER, DEFAULT_SCORER);
        steps.add(new LivenessStep(visited.path(), boundAs, requirement, settings, scorer,
                versions.newest(scorer).orElse(null), route, stepUp, fallback));
        if (!"none".equals(boundAs) && !"REQUIRED".equals(requirement)) {
            flags.add(Flag.error("liveness_not_required", visited.path(), "The liveness step is " + requirement
                    + "; only REQUIRED checks everyone who passes this flow."));
        }
        if (!route && !"none".equals(boundAs) && "REQUIRED".equals(requirement)) {
            flags.add(Flag.warning("step_up_without_route", visited.path(), "No 'Condition – Deepfake Guard risk' "
                    + "that matches a STEP_UP opens a sub-flow with a second factor after this step, so every "
                    + "STEP_UP decision (grey zone) is denied instead."));
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
