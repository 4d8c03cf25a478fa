package dev.deepfakeguard.keycloak.it.support;

/** Keys of the risk condition's config; package-private in the authenticator, so named once here. */
public final class RiskConditionKeys {

    public static final String ON_STEP_UP = "dfg.risk.onStepUp";
    public static final String ON_FALLBACK = "dfg.risk.onFallback";
    public static final String NEGATE = "negate";

    private RiskConditionKeys() {
    }
}
