package dev.deepfakeguard.keycloak.face.reference;

import org.jboss.logging.Logger;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.List;

/**
 * Stores at most one face reference per user: enrolling again replaces the old one. Listed in the account console
 * as "Face reference", removable by the person and by an admin; Keycloak records both removals as events.
 */
public final class FaceReferenceCredentialProvider implements CredentialProvider<FaceReferenceCredentialModel> {

    private static final Logger LOG = Logger.getLogger(FaceReferenceCredentialProvider.class);

    private final KeycloakSession session;
    private final String createAction;

    FaceReferenceCredentialProvider(KeycloakSession session, String createAction) {
        this.session = session;
        this.createAction = createAction;
    }

    @Override
    public String getType() {
        return FaceReferenceCredentialModel.TYPE;
    }

    /** Replaces any earlier reference of the user, so that an old template can never match after re-enrolment. */
    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user,
                                            FaceReferenceCredentialModel credential) {
        if (credential.template().isEmpty()) {
            throw new IllegalArgumentException("face reference without a valid template");
        }
        List<String> old = user.credentialManager().getStoredCredentialsByTypeStream(getType())
                .map(CredentialModel::getId).toList();
        old.forEach(id -> user.credentialManager().removeStoredCredentialById(id));
        if (!old.isEmpty()) {
            LOG.debugf("face reference of user %s in realm %s replaced", user.getId(), realm.getName());
        }
        return user.credentialManager().createStoredCredential(credential);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public FaceReferenceCredentialModel getCredentialFromModel(CredentialModel model) {
        return FaceReferenceCredentialModel.from(model);
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext context) {
        var builder = CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName(FaceReferenceCredentialModel.LABEL)
                .helpText("A template of your face (numbers, not a photo) used to check that the live person at a "
                        + "liveness check is you. You can remove it at any time.")
                .iconCssClass("kcAuthenticatorWebAuthnClass")
                .removeable(true);
        if (createAction != null) {
            builder.createAction(createAction);
        }
        return builder.build(session);
    }
}
