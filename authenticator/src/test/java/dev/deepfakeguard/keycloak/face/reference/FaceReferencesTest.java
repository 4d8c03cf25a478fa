package dev.deepfakeguard.keycloak.face.reference;

import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;

import java.util.stream.Stream;

import static dev.deepfakeguard.keycloak.face.reference.FaceReferenceCredentialTest.DIGEST;
import static dev.deepfakeguard.keycloak.face.reference.FaceReferenceCredentialTest.OTHER_DIGEST;
import static dev.deepfakeguard.keycloak.face.reference.FaceReferenceCredentialTest.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class FaceReferencesTest {

    private static UserModel userWith(CredentialModel... stored) {
        UserModel user = mock(UserModel.class);
        SubjectCredentialManager credentials = mock(SubjectCredentialManager.class);
        when(user.credentialManager()).thenReturn(credentials);
        when(credentials.getStoredCredentialsByTypeStream(FaceReferenceCredentialModel.TYPE))
                .thenAnswer(invocation -> Stream.of(stored));
        return user;
    }

    @Test
    void noCredentialIsNoReference() {
        assertThat(FaceReferences.lookup(userWith(), DIGEST)).isInstanceOf(FaceReferences.Lookup.None.class);
    }

    @Test
    void referenceOfTheLoadedModelIsUsable() {
        CredentialModel stored = FaceReferenceCredentialModel.of(template(1), 1L);
        stored.setId("c1");

        FaceReferences.Lookup lookup = FaceReferences.lookup(userWith(stored), DIGEST);

        assertThat(lookup).isInstanceOfSatisfying(FaceReferences.Lookup.Usable.class,
                usable -> assertThat(usable.credentialId()).isEqualTo("c1"));
    }

    @Test
    void referenceOfAnotherModelNeverMatchesSilently() {
        CredentialModel stored = FaceReferenceCredentialModel.of(template(1), 1L);

        FaceReferences.Lookup lookup = FaceReferences.lookup(userWith(stored), OTHER_DIGEST);

        assertThat(lookup).isInstanceOfSatisfying(FaceReferences.Lookup.Unusable.class,
                unusable -> assertThat(unusable.why()).contains("enrol again").contains("87aacdfe57510db2"));
    }

    @Test
    void damagedReferenceIsUnusable() {
        CredentialModel stored = FaceReferenceCredentialModel.of(template(1), 1L);
        stored.setCredentialData("not json");

        assertThat(FaceReferences.lookup(userWith(stored), DIGEST))
                .isInstanceOf(FaceReferences.Lookup.Unusable.class);
    }
}
