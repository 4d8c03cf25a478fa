package dev.deepfakeguard.keycloak.helpdesk.caller;

import java.time.Clock;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

/** Factory of "Deepfake Guard – Helpdesk caller: show code". */
public final class CodeStepFactory extends CallerStepFactory {

    public static final String PROVIDER_ID = "deepfake-guard-helpdesk-code";
    private final CodeStep step = new CodeStep(Clock.systemUTC());

    @Override
    public Authenticator create(KeycloakSession session) {
        return step;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Deepfake Guard – Helpdesk caller: show code";
    }

    @Override
    public String getHelpText() {
        return "Last step of the helpdesk verification flow: after the liveness check, shows the caller the code "
                + "to read back to the agent. Never signs the caller in.";
    }
}
