package dev.deepfakeguard.keycloak.face.reference;

import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialModel;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaceReferenceCredentialTest {

    static final String DIGEST = "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581";
    static final String OTHER_DIGEST = "d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51";

    static FaceTemplate template(long seed) {
        Random random = new Random(seed);
        float[] vector = new float[512];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return FaceTemplate.of(vector, "test-model", DIGEST);
    }

    @Test
    void keepsTheVectorOnlyInSecretData() {
        FaceReferenceCredentialModel model = FaceReferenceCredentialModel.of(template(1), 1_700_000_000_000L);

        assertThat(model.getType()).isEqualTo("deepfake-guard-face");
        assertThat(model.getUserLabel()).isEqualTo("Face reference");
        assertThat(model.getCreatedDate()).isEqualTo(1_700_000_000_000L);
        assertThat(model.getCredentialData()).contains(DIGEST).contains("\"dimension\":512")
                .doesNotContain("vector");
        assertThat(model.getSecretData()).contains("vector");
    }

    @Test
    void roundTripsThroughTheStoredCredential() {
        FaceTemplate original = template(2);
        CredentialModel stored = FaceReferenceCredentialModel.of(original, 1L);

        FaceTemplate read = FaceReferenceCredentialModel.from(stored).template().orElseThrow();

        assertThat(read.similarityBasisPoints(original)).isEqualTo(10_000);
        assertThat(read.modelDigest()).isEqualTo(DIGEST);
    }

    @Test
    void damagedSecretDataIsNoTemplate() {
        CredentialModel stored = FaceReferenceCredentialModel.of(template(3), 1L);
        stored.setSecretData("{\"vector\":\"AAAA\"}");

        assertThat(FaceReferenceCredentialModel.from(stored).template()).isEmpty();
    }

    @Test
    void truncatedVectorDoesNotPassForTheRecordedDimension() {
        CredentialModel stored = FaceReferenceCredentialModel.of(template(6), 1L);
        float[] half = new float[256];
        half[0] = 1;
        stored.setSecretData(FaceReferenceCredentialModel.of(FaceTemplate.of(half, "test-model", DIGEST), 1L)
                .getSecretData());

        assertThat(FaceReferenceCredentialModel.from(stored).template()).isEmpty();
    }

    @Test
    void templatesOfDifferentModelsAreNotComparable() {
        FaceTemplate ours = template(4);
        float[] vector = new float[512];
        vector[0] = 1;
        FaceTemplate theirs = FaceTemplate.of(vector, "other", OTHER_DIGEST);

        assertThatThrownBy(() -> ours.similarityBasisPoints(theirs)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsVectorsThatCannotBeTemplates() {
        assertThatThrownBy(() -> FaceTemplate.of(new float[512], "m", DIGEST))
                .hasMessageContaining("all zero");
        float[] nan = new float[512];
        nan[3] = Float.NaN;
        assertThatThrownBy(() -> FaceTemplate.of(nan, "m", DIGEST)).hasMessageContaining("non-finite");
        assertThatThrownBy(() -> FaceTemplate.of(new float[8], "m", DIGEST)).hasMessageContaining("dimension");
        assertThatThrownBy(() -> FaceTemplate.of(new float[512], "m", "ABC")).hasMessageContaining("digest");
    }

    @Test
    void toStringNeverShowsTheVector() {
        assertThat(template(5).toString()).doesNotContain("0.").contains("test-model");
    }
}
