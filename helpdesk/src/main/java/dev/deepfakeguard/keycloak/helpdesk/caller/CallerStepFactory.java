package dev.deepfakeguard.keycloak.helpdesk.caller;

import java.util.List;

import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.provider.ProviderConfigProperty;

import dev.deepfakeguard.keycloak.flow.StepFactory;

/** What the two caller steps' factories share: not configurable, REQUIRED or DISABLED, only in the caller's flow. */
abstract class CallerStepFactory implements StepFactory {

    private static final Requirement[] REQUIREMENTS = {Requirement.REQUIRED, Requirement.DISABLED};

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
