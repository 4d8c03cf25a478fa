package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.flow.StepFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/** Factory of "Deepfake Guard – Decision on the sign-in event". */
public final class DecisionEventStepFactory implements StepFactory {

    public static final String PROVIDER_ID = "deepfake-guard-decision-event";

    private static final DecisionEventStep STEP = new DecisionEventStep();
    @Override
    public Authenticator create(KeycloakSession session) {
        return STEP;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Deepfake Guard – Decision on the sign-in event";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public String getHelpText() {
        return "Silent last step: puts the liveness decision (dfg_ details) on the LOGIN event even when a second "
                + "factor came after the liveness check. Place it at the end of the flow.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
