package dev.deepfakeguard.keycloak.stepup;

import org.keycloak.authentication.Authenticator;
import dev.deepfakeguard.keycloak.flow.StepFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/** Factory of "Deepfake Guard – Require a second factor". */
public final class SecondFactorGuardFactory implements StepFactory {

    public static final String PROVIDER_ID = "deepfake-guard-second-factor";

    private static final SecondFactorGuard GUARD = new SecondFactorGuard();
    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property().name(SecondFactorGuardConfig.CREDENTIAL_TYPES).label("Second-factor credential types")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(SecondFactorGuardConfig.DEFAULT_TYPES)
            .helpText("Comma-separated Keycloak credential types that count as a second factor, e.g. otp, webauthn, "
                    + "webauthn-passwordless, recovery-authn-codes. The person must hold the credential that the "
                    + "second-factor steps after this one ask for.")
            .add()
            .property().name(SecondFactorGuardConfig.ALLOW_ENROLMENT).label("Allow enrolment during step-up")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
            .helpText("Off (recommended): a person who holds no credential that the following steps ask for is "
                    + "refused with guidance. On: Keycloak may let them enrol one now — anyone who knows the password "
                    + "could then enrol their own.")
            .add()
            .build();

    @Override
    public Authenticator create(KeycloakSession session) {
        return GUARD;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Deepfake Guard – Require a second factor";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public String getHelpText() {
        return "Refuses the step-up, with guidance, when the person holds no credential that the second factor "
                + "after this step asks for, instead of letting Keycloak offer to enrol one on the spot. Place it "
                + "before the OTP or WebAuthn step of a step-up sub-flow.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }
}
