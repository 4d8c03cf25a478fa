package dev.deepfakeguard.keycloak.face.reference;

import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers the {@value FaceReferenceCredentialModel#TYPE} credential type. */
public final class FaceReferenceCredentialProviderFactory
        implements CredentialProviderFactory<FaceReferenceCredentialProvider> {

    public static final String PROVIDER_ID = FaceReferenceCredentialModel.TYPE;

    @Override
    public CredentialProvider create(KeycloakSession session) {
        return new FaceReferenceCredentialProvider(session, null);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
