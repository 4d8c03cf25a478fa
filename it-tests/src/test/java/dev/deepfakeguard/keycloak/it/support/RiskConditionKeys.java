package dev.deepfakeguard.keycloak.it.support;

/** Keys of the risk condition's config; package-private in the authenticator, so named once here. */
final class RiskConditionKeys {

    static final String ON_STEP_UP = "dfg.risk.onStepUp";
    static final String ON_FALLBACK = "dfg.risk.onFallback";

    private RiskConditionKeys() {
    }
}
