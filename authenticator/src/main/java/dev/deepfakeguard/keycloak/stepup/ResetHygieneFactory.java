package dev.deepfakeguard.keycloak.stepup;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import dev.deepfakeguard.keycloak.flow.StepFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

import java.time.Clock;
import java.util.List;

/** Factory of "Deepfake Guard – After password reset". */
public final class ResetHygieneFactory implements StepFactory {

    public static final String PROVIDER_ID = "deepfake-guard-reset-hygiene";

    private ResetHygiene hygiene;

    @Override
    public void init(Config.Scope config) {
        hygiene = new ResetHygiene(Clock.systemUTC());
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return hygiene;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Deepfake Guard – After password reset";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public String getHelpText() {
        return "Ends all other sessions and offline tokens of the account and marks it as recently reset (see "
                + "'Condition – Deepfake Guard risk'). Place it in the reset-credentials flow after the liveness "
                + "check and before 'Reset Password'.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
