package dev.deepfakeguard.keycloak.condition;

import dev.deepfakeguard.keycloak.contract.EventDetails;
import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.LivenessNotes;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.contract.UserFlags;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.time.Clock;

/**
 * "Condition – Deepfake Guard risk": true when this sign-in needs more proof than the liveness check gave. Anything
 * it cannot read — a broken configuration, an unreadable note — counts as risk.
 */
final class RiskCondition implements ConditionalAuthenticator {

    private static final Logger LOG = Logger.getLogger(RiskCondition.class);

    private final Clock clock;

    RiskCondition(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        RiskConditionConfig config;
        try {
            config = RiskConditionConfig.from(context.getAuthenticatorConfig());
        } catch (IllegalArgumentException e) {
            LOG.errorf("Deepfake Guard risk condition in realm %s has a broken configuration (%s); treating every "
                    + "sign-in as risky until it is fixed", context.getRealm().getName(), e.getMessage());
            // A separate error event, so the sign-in's own event stays clean while admins still see the reason.
            context.getEvent().clone().user(context.getUser())
                    .detail(EventDetails.REASONS, ReasonCodes.RISK_CONDITION_CONFIG_INVALID)
                    .error(EventErrors.LIVENESS_CONFIG_INVALID);
            return true;
        }
        return config.negate() != isRisky(context, config);
    }

    private boolean isRisky(AuthenticationFlowContext context, RiskConditionConfig config) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (config.triggeredBy(LivenessNotes.decision(authSession).orElse(null),
                LivenessNotes.fallback(authSession))) {
            return true;
        }
        if (config.triggeredByFace(LivenessNotes.faceMatch(authSession).orElse(null))) {
            return true;
        }
        UserModel user = context.getUser();
        if (config.onFlaggedUser() && user != null && UserFlags.isStepUpForced(user)) {
            return true;
        }
        if (config.onPrivilegedUser() && user != null && PrivilegedUser.isPrivileged(context.getRealm(), user)) {
            return true;
        }
        if (!config.recentReset().isZero() && user != null && resetWithin(user, config)) {
            return true;
        }
        return !config.maxAge().isZero() && !passedWithin(authSession, config);
    }

    private boolean passedWithin(AuthenticationSessionModel authSession, RiskConditionConfig config) {
        return LivenessNotes.passedWithin(authSession, config.maxAge().toSeconds(), clock.instant().getEpochSecond());
    }

    private boolean resetWithin(UserModel user, RiskConditionConfig config) {
        String resetAt = user.getFirstAttribute(UserFlags.PASSWORD_RESET_AT);
        if (resetAt == null) {
            return false;
        }
        try {
            long age = clock.instant().getEpochSecond() - Long.parseLong(resetAt);
            return age <= config.recentReset().toSeconds();
        } catch (NumberFormatException e) {
            return true;
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // A condition renders nothing and so receives no form posts.
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
