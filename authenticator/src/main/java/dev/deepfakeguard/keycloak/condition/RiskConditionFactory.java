package dev.deepfakeguard.keycloak.condition;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.UserFlags;
import dev.deepfakeguard.keycloak.flow.StepFactory;
import org.keycloak.Config;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.time.Clock;
import java.util.List;

/** Factory of "Condition – Deepfake Guard risk". */
public final class RiskConditionFactory implements ConditionalAuthenticatorFactory, StepFactory {

    public static final String PROVIDER_ID = "deepfake-guard-risk-condition";

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property().name(RiskConditionConfig.ON_STEP_UP).label("When liveness asked for step-up")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true")
            .helpText("Match when the liveness check of this sign-in ended in STEP_UP (a grey-zone score).")
            .add()
            .property().name(RiskConditionConfig.ON_FALLBACK).label("When the scorer fell back")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true")
            .helpText("Match when no verdict was possible (scorer unavailable, no camera) and the fallback decided.")
            .add()
            .property().name(RiskConditionConfig.ON_FACE_MISMATCH).label("When the face did not clearly match")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true")
            .helpText("Match when the live face was compared with the account's face reference and did not reach "
                    + "the allow threshold (face_match_uncertain or face_mismatch).")
            .add()
            .property().name(RiskConditionConfig.ON_NO_FACE_REFERENCE).label("When the account has no face reference")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
            .helpText("Match when face matching ran but the account has no usable face reference "
                    + "(no_face_reference), e.g. to ask accounts that have not enrolled for a second factor.")
            .add()
            .property().name(RiskConditionConfig.ON_FLAGGED_USER).label("When the user is flagged")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true")
            .helpText("Match when the user attribute '" + UserFlags.FORCE_STEP_UP + "' is 'true'.")
            .add()
            .property().name(RiskConditionConfig.ON_PRIVILEGED_USER).label("When the user is an administrator")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
            .helpText("Match when the user holds any administrative role (realm-management roles; in the master "
                    + "realm also admin, create-realm and the <realm>-realm client roles), directly, by group or "
                    + "composite.")
            .add()
            .property().name(RiskConditionConfig.RECENT_RESET_SECONDS).label("Recent password reset (seconds)")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("0")
            .helpText("Match for this long after a password reset done through 'Deepfake Guard – After password "
                    + "reset'. 0 switches this off.")
            .add()
            .property().name(RiskConditionConfig.MAX_AGE_SECONDS).label("Max age of a passed check (seconds)")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("0")
            .helpText("Match when the last passed liveness check is older than this. 0 switches this off.")
            .add()
            .property().name(RiskConditionConfig.NEGATE).label("Negate output")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
            .helpText("Apply a NOT to the result.")
            .add()
            .build();

    private RiskCondition condition;

    /**
     * Whether a risk condition with this configuration is certain to match a sign-in whose liveness check decided
     * {@code decision} (null: no check yet), so that a flow can be read ahead of time. A broken configuration matches,
     * as the condition itself does at run time.
     */
    public static boolean certainlyMatches(AuthenticatorConfigModel config, Decision decision, boolean fallback) {
        try {
            return RiskConditionConfig.from(config).certainlyMatches(decision, fallback);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    @Override
    public void init(Config.Scope config) {
        condition = new RiskCondition(Clock.systemUTC());
    }

    /** A condition's category, not a step's: both interfaces offer one. */
    @Override
    public String getReferenceCategory() {
        return ConditionalAuthenticatorFactory.super.getReferenceCategory();
    }

    @Override
    public ConditionalAuthenticator getSingleton() {
        return condition;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Condition – Deepfake Guard risk";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public String getHelpText() {
        return "Matches when this sign-in needs more proof: a grey-zone liveness result, a scorer fallback, a "
                + "flagged user or a passed check older than the max age.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }
}
