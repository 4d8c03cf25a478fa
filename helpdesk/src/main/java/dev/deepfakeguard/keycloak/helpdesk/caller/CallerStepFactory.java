package dev.deepfakeguard.keycloak.helpdesk.caller;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;

import dev.deepfakeguard.keycloak.flow.StepFactory;

/** What the two caller steps' factories share: not configurable, REQUIRED or DISABLED, only in the caller's flow. */
abstract class CallerStepFactory implements StepFactory {

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
