package dev.deepfakeguard.keycloak.stepup;

import dev.deepfakeguard.keycloak.contract.Decision;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The second factors that the rest of a flow will certainly ask of one user after a given step, read the way
 * Keycloak's {@code DefaultAuthenticationFlow} runs it: REQUIRED steps run in order and all must succeed; ALTERNATIVE
 * steps beside REQUIRED ones never run; of a group of ALTERNATIVE steps one is enough; a CONDITIONAL sub-flow runs only
 * when every one of its enabled conditions matches (none: never). Once a sub-flow is done, its parent continues after
 * it — unless the sub-flow was one of several ALTERNATIVE branches, which ends the parent.
 * <p>
 * Only what is certain counts. A CONDITIONAL sub-flow is entered only when its conditions are all "Condition –
 * Deepfake Guard risk" and each certainly matches the given liveness decision; any other condition (a level of
 * authentication, a user attribute) cannot be known ahead, so such a sub-flow counts as possibly skipped.
 * <p>
 * A step is a second factor when its factory's reference category (or, without one, its {@link CredentialValidator}'s
 * credential type) is one of the second-factor credential types: those of the nearest "Require a second factor"
 * step before it on the way, otherwise {@link SecondFactorGuardConfig#DEFAULT_TYPES}. Whether the user holds it is
 * the step's own {@code configuredFor}, the very check by which Keycloak decides to offer enrolment instead.
 * <p>
 * {@link FlowWalk} reads the flow; this class answers what its findings mean.
 */
public final class SecondFactorsAhead {

    private final List<Ahead> ahead;
    private final boolean complete;

    private SecondFactorsAhead(List<Ahead> ahead, boolean complete) {
        this.ahead = List.copyOf(ahead);
        this.complete = complete;
    }

    /**
     * What follows the step of {@code context} (the liveness check) for its user, when that step's decision is
     * {@code decision} (a fallback when {@code fallback}).
     */
    public static SecondFactorsAhead afterLivenessDecision(AuthenticationFlowContext context, Decision decision,
                                                           boolean fallback) {
        return after(context, SecondFactorGuardConfig.defaults().credentialTypes(), decision, fallback);
    }

    /**
     * What follows a liveness step in its flow for a decision, read without a user (for the compliance report): the
     * same walk the step makes at sign-in, so the report and the sign-in cannot disagree about the flow's shape.
     */
    public static SecondFactorsAhead inFlow(KeycloakSession session, RealmModel realm,
                                            AuthenticationExecutionModel step, Decision decision, boolean fallback) {
        FlowWalk walk = new FlowWalk(session, realm, null, SecondFactorGuardConfig.defaults().credentialTypes(),
                decision, fallback);
        boolean complete = walk.from(step);
        return new SecondFactorsAhead(walk.ahead(), complete);
    }

    /**
     * The second factors this decision certainly leads to (one entry per step or group of alternatives, in flow
     * order); empty when it leads to none, which is when the step denies the decision instead. Whether a person holds
     * one is for the sign-in to tell.
     */
    public List<String> leadsTo() {
        if (!complete) {
            return List.of();
        }
        return ahead.stream().filter(item -> item instanceof Factor factor && factor.triggered())
                .map(item -> ((Factor) item).what()).toList();
    }

    /**
     * What follows the step of {@code context}, counting {@code types} as second factors until a guard names others.
     *
     * @param decision the liveness decision that risk conditions will see, null when there is none
     */
    static SecondFactorsAhead after(AuthenticationFlowContext context, Set<String> types, Decision decision,
                                    boolean fallback) {
        FlowWalk walk = new FlowWalk(context.getSession(), context.getRealm(), context.getUser(), types, decision,
                fallback);
        boolean complete = context.getExecution() != null && walk.from(context.getExecution());
        return new SecondFactorsAhead(walk.ahead(), complete);
    }

    /**
     * Whether a STEP_UP may continue: a second factor is asked for because of this decision (inside a conditional
     * sub-flow its risk condition opened), and the user either holds it or meets a "Require a second factor" step
     * before it, which refuses with guidance (or, only where the admin allowed it, lets them enrol).
     */
    public boolean enforcesSecondFactor() {
        if (!complete) {
            return false;
        }
        boolean guarded = false;
        for (Ahead item : ahead) {
            if (item instanceof Guard) {
                guarded = true;
            } else if (item instanceof Factor factor && factor.triggered() && (factor.held() || guarded)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the second factors up to the next "Require a second factor" step (which answers for those after it) mean
     * for this user: all held, one missing (Keycloak would offer to enrol it, or fail), or none at all.
     */
    Coverage coverageUntilNextGuard() {
        if (!complete) {
            return Coverage.NONE;
        }
        boolean any = false;
        for (Ahead item : ahead) {
            if (item instanceof Guard) {
                break;
            }
            Factor factor = (Factor) item;
            if (!factor.held()) {
                return Coverage.MISSING;
            }
            any = true;
        }
        return any ? Coverage.HELD : Coverage.NONE;
    }

    /** For log lines: what lies ahead, e.g. {@code [guard, auth-otp-form (held, triggered)]}. */
    public String describe() {
        return (complete ? "" : "incomplete ") + ahead.stream().map(Ahead::describe)
                .collect(Collectors.joining(", ", "[", "]"));
    }

    enum Coverage { HELD, MISSING, NONE }

    /** One thing the walk found ahead, in the order Keycloak would ask for it. */
    sealed interface Ahead permits Factor, Guard {
        String describe();
    }

    /** A second factor that will certainly be asked for, alone or as one of a group of alternatives. */
    record Factor(String what, boolean held, boolean triggered) implements Ahead {
        @Override
        public String describe() {
            return what + (held ? " (held" : " (not held") + (triggered ? ", triggered)" : ")");
        }
    }

    record Guard(boolean allowsEnrolment) implements Ahead {
        @Override
        public String describe() {
            return allowsEnrolment ? "guard (enrolment allowed)" : "guard";
        }
    }
}
