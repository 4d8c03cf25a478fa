package dev.deepfakeguard.keycloak.helpdesk.caller;

import java.time.Clock;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

/** Factory of "Deepfake Guard – Helpdesk caller: who asked". */
public final class IntroStepFactory extends CallerStepFactory {

    public static final String PROVIDER_ID = "deepfake-guard-helpdesk-intro";
    private final IntroStep step = new IntroStep(Clock.systemUTC());

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
        return "Deepfake Guard – Helpdesk caller: who asked";
    }

    @Override
    public String getHelpText() {
        return "First step of the helpdesk verification flow: shows the caller which agent asked and for which "
                + "ticket, and offers 'I did not ask for this'. Place before the liveness check.";
    }
}
