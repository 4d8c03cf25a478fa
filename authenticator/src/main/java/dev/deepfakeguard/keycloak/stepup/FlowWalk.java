package dev.deepfakeguard.keycloak.stepup;

import dev.deepfakeguard.keycloak.condition.RiskConditionFactory;
import dev.deepfakeguard.keycloak.contract.Decision;
import org.jboss.logging.Logger;
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
 * One reading of a flow after a step, the way Keycloak's {@code DefaultAuthenticationFlow} would run it for one user
 * (see {@link SecondFactorsAhead}); collects the second factors and guards ahead in the order Keycloak would ask.
 */
final class FlowWalk {

    private static final Logger LOG = Logger.getLogger(FlowWalk.class);
    /** Sub-flows deeper than this are not followed: the walk gives up, and both readers then fail closed. */
    private static final int MAX_DEPTH = 16;
    /** Keycloak's "Conditional OTP Form" skips the code by its own configuration, so it demands nothing for sure. */
    private static final Set<String> MAY_SKIP = Set.of(ConditionalOtpFormAuthenticatorFactory.PROVIDER_ID);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserModel user;
    private final Decision decision;
    private final boolean fallback;
    private final List<SecondFactorsAhead.Ahead> ahead = new ArrayList<>();
    private Set<String> types;
    private boolean complete = true;

    FlowWalk(KeycloakSession session, RealmModel realm, UserModel user, Set<String> types, Decision decision,
             boolean fallback) {
        this.session = session;
        this.realm = realm;
        this.user = user;
        this.types = types;
        this.decision = decision;
        this.fallback = fallback;
    }

    /** What the walk found so far. */
    List<SecondFactorsAhead.Ahead> ahead() {
        return ahead;
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
        ahead.add(new SecondFactorsAhead.Factor(alternatives.stream().map(AuthenticationExecutionModel::getAuthenticator)
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
            ahead.add(new SecondFactorsAhead.Guard(config.allowEnrolment()));
            return;
        }
        Authenticator authenticator = factory.create(session);
        if (authenticator != null && isSecondFactor(factory, authenticator)) {
            ahead.add(new SecondFactorsAhead.Factor(factory.getId(), holds(authenticator, factory), triggered));
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
