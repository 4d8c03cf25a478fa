package dev.deepfakeguard.keycloak.face.reference;

import dev.deepfakeguard.keycloak.provider.StatelessFactory;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

import java.time.Clock;
import java.util.List;

/** Registers the enrolment required action. */
public final class EnrolFaceReferenceActionFactory implements RequiredActionFactory,
        StatelessFactory<RequiredActionProvider> {

    public static final String PROVIDER_ID = "deepfake-guard-enrol-face";

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return new EnrolFaceReferenceAction(Clock.systemUTC());
    }

    @Override
    public String getDisplayText() {
        return "Deepfake Guard – Enrol face reference";
    }

    /** Who must enrol: {@link EnrolmentRequirement}. */
    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return EnrolmentRequirement.properties();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
