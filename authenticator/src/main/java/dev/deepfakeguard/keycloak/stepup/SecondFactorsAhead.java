package dev.deepfakeguard.keycloak.stepup;

import dev.deepfakeguard.keycloak.condition.RiskConditionFactory;
import dev.deepfakeguard.keycloak.contract.Decision;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.authentication.CredentialValidator;
import org.keycloak.authentication.authenticators.browser.ConditionalOtpFormAuthenticatorFactory;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.ArrayList;
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
 */
public final class SecondFactorsAhead {

    private static final Logger LOG = Logger.getLogger(SecondFactorsAhead.class);

    /** Sub-flows deeper than this are not followed: the walk gives up, and both readers then fail closed. */
    private static final int MAX_DEPTH = 16;
    /** Keycloak's "Conditional OTP Form" skips the code by its own configuration, so it demands nothing for sure. */
    private static final Set<String> MAY_SKIP = Set.of(ConditionalOtpFormAuthenticatorFactory.PROVIDER_ID);

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
        Walk walk = new Walk(session, realm, null, SecondFactorGuardConfig.defaults().credentialTypes(), decision,
                fallback);
        return new SecondFactorsAhead(walk.ahead, walk.from(step));
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
        Walk walk = new Walk(context.getSession(), context.getRealm(), context.getUser(), types, decision, fallback);
        boolean complete = context.getExecution() != null && walk.from(context.getExecution());
        return new SecondFactorsAhead(walk.ahead, complete);
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

    private sealed interface Ahead permits Factor, Guard {
        String describe();
    }

    /** A second factor that will certainly be asked for, alone or as one of a group of alternatives. */
    private record Factor(String what, boolean held, boolean triggered) implements Ahead {
        @Override
        public String describe() {
            return what + (held ? " (held" : " (not held") + (triggered ? ", triggered)" : ")");
        }
    }

    private record Guard(boolean allowsEnrolment) implements Ahead {
        @Override
        public String describe() {
            return allowsEnrolment ? "guard (enrolment allowed)" : "guard";
        }
    }

    /** One reading of the flow; collects what lies ahead in the order Keycloak would ask for it. */
    private static final class Walk {

        private final KeycloakSession session;
        private final RealmModel realm;
        private final UserModel user;
        private final Decision decision;
        private final boolean fallback;
        private final List<Ahead> ahead = new ArrayList<>();
        private Set<String> types;
        private boolean complete = true;

        Walk(KeycloakSession session, RealmModel realm, UserModel user, Set<String> types, Decision decision,
             boolean fallback) {
            this.session = session;
            this.realm = realm;
            this.user = user;
            this.types = types;
            this.decision = decision;
            this.fallback = fallback;
        }

        /** Reads everything after {@code step}, climbing from its sub-flow to the top-level flow. */
        boolean from(AuthenticationExecutionModel step) {
            AuthenticationExecutionModel position = step;
            for (int depth = 0; position != null; depth++) {
                if (depth > MAX_DEPTH) {
                    return false;
                }
                // After an ALTERNATIVE branch succeeds its level is done; after a REQUIRED one the level goes on.
                if (!position.isAlternative()) {
                    String stepId = position.getId();
                    List<AuthenticationExecutionModel> level = inTurn(position.getParentFlow());
                    level.stream().dropWhile(execution -> !execution.getId().equals(stepId)).skip(1)
                            .forEach(execution -> visit(execution, 0, false));
                }
                position = realm.getAuthenticationExecutionByFlowId(position.getParentFlow());
            }
            return complete;
        }

        private void visit(AuthenticationExecutionModel execution, int depth, boolean triggered) {
            if (!execution.isAuthenticatorFlow()) {
                step(execution, triggered);
            } else if (depth >= MAX_DEPTH) {
                complete = false;
            } else if (!execution.isConditional()) {
                flow(execution.getFlowId(), depth + 1, triggered);
            } else if (conditionsCertainlyMatch(execution.getFlowId())) {
                flow(execution.getFlowId(), depth + 1, true);
            }
        }

        private void flow(String flowId, int depth, boolean triggered) {
            List<AuthenticationExecutionModel> inTurn = inTurn(flowId);
            if (!inTurn.isEmpty()) {
                inTurn.forEach(execution -> visit(execution, depth, triggered));
                return;
            }
            List<AuthenticationExecutionModel> alternatives = executions(flowId).stream()
                    .filter(execution -> execution.isAlternative() && !isCondition(execution)).toList();
            if (!alternatives.isEmpty()) {
                alternatives(alternatives, triggered);
            }
        }

        /**
         * The steps of a flow that run one after the other: REQUIRED and CONDITIONAL ones, conditions aside. When
         * there are any, Keycloak ignores the ALTERNATIVE steps beside them.
         */
        private List<AuthenticationExecutionModel> inTurn(String flowId) {
            return executions(flowId).stream()
                    .filter(execution -> (execution.isRequired() || execution.isConditional())
                            && !isCondition(execution))
                    .toList();
        }

        /** A group of alternatives demands a second factor only when every way through is one. */
        private void alternatives(List<AuthenticationExecutionModel> alternatives, boolean triggered) {
            boolean held = false;
            for (AuthenticationExecutionModel alternative : alternatives) {
                AuthenticatorFactory factory = alternative.isAuthenticatorFlow() ? null : factory(alternative);
                Authenticator authenticator = factory == null ? null : factory.create(session);
                if (authenticator == null || !isSecondFactor(factory, authenticator)) {
                    return;
                }
                held |= holds(authenticator, factory);
            }
            ahead.add(new Factor(alternatives.stream().map(AuthenticationExecutionModel::getAuthenticator)
                    .collect(Collectors.joining(" or ")), held, triggered));
        }

        private void step(AuthenticationExecutionModel execution, boolean triggered) {
            AuthenticatorFactory factory = factory(execution);
            if (factory == null) {
                return;
            }
            if (SecondFactorGuardFactory.PROVIDER_ID.equals(factory.getId())) {
                SecondFactorGuardConfig config = SecondFactorGuardConfig.from(config(execution));
                types = config.credentialTypes();
                ahead.add(new Guard(config.allowEnrolment()));
                return;
            }
            Authenticator authenticator = factory.create(session);
            if (authenticator != null && isSecondFactor(factory, authenticator)) {
                ahead.add(new Factor(factory.getId(), holds(authenticator, factory), triggered));
            }
        }

        /** Keycloak's rule for a CONDITIONAL sub-flow, applied to what can be known before it runs. */
        private boolean conditionsCertainlyMatch(String flowId) {
            List<AuthenticationExecutionModel> conditions = executions(flowId).stream()
                    .filter(execution -> execution.isEnabled() && isCondition(execution)).toList();
            return !conditions.isEmpty() && conditions.stream().allMatch(condition ->
                    RiskConditionFactory.PROVIDER_ID.equals(condition.getAuthenticator())
                            && RiskConditionFactory.certainlyMatches(config(condition), decision, fallback));
        }

        private boolean isSecondFactor(AuthenticatorFactory factory, Authenticator authenticator) {
            if (MAY_SKIP.contains(factory.getId())) {
                return false;
            }
            String category = factory.getReferenceCategory();
            if (category == null && authenticator instanceof CredentialValidator<?> validator) {
                try {
                    category = validator.getType(session);
                } catch (RuntimeException e) {
                    LOG.debugf("Credential type of '%s' unknown: %s", factory.getId(), e.getMessage());
                }
            }
            return category != null && types.contains(category);
        }

        private boolean holds(Authenticator authenticator, AuthenticatorFactory factory) {
            if (user == null) {
                return false;
            }
            try {
                return authenticator.configuredFor(session, realm, user);
            } catch (RuntimeException e) {
                LOG.warnf("Cannot tell whether user %s holds a credential for '%s' (%s); counting it as missing",
                        user.getId(), factory.getId(), e.getMessage());
                return false;
            }
        }

        private boolean isCondition(AuthenticationExecutionModel execution) {
            if (execution.isAuthenticatorFlow()) {
                return false;
            }
            AuthenticatorFactory factory = factory(execution);
            return factory != null && factory.create(session) instanceof ConditionalAuthenticator;
        }

        private List<AuthenticationExecutionModel> executions(String flowId) {
            return realm.getAuthenticationExecutionsStream(flowId).toList();
        }

        /** The step's factory; null for a provider that is not installed (Keycloak then fails the flow). */
        private AuthenticatorFactory factory(AuthenticationExecutionModel execution) {
            if (execution.getAuthenticator() == null) {
                return null;
            }
            return session.getKeycloakSessionFactory().getProviderFactory(Authenticator.class,
                    execution.getAuthenticator()) instanceof AuthenticatorFactory factory ? factory : null;
        }

        private AuthenticatorConfigModel config(AuthenticationExecutionModel execution) {
            return execution.getAuthenticatorConfig() == null ? null
                    : realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig());
        }
    }
}
