package dev.deepfakeguard.keycloak.face.reference;

import org.junit.jupiter.api.Test;

import static dev.deepfakeguard.keycloak.face.reference.FaceReferenceCredentialTest.DIGEST;
import static dev.deepfakeguard.keycloak.face.reference.FaceReferenceCredentialTest.template;
import static org.assertj.core.api.Assertions.assertThat;

class FaceTemplateTextTest {

    @Test
    void aTemplateSurvivesTheRoundTrip() {
        FaceTemplate template = template(7);

        FaceTemplate read = FaceTemplateText.read(FaceTemplateText.write(template)).orElseThrow();

        assertThat(read.similarityBasisPoints(template)).isEqualTo(10_000);
        assertThat(read.modelId()).isEqualTo(template.modelId());
        assertThat(read.modelDigest()).isEqualTo(DIGEST);
    }

    @Test
    void damagedTextIsNoTemplate() {
        String good = FaceTemplateText.write(template(7));
        String[] parts = good.split(" ");

        assertThat(FaceTemplateText.read(null)).isEmpty();
        assertThat(FaceTemplateText.read("")).isEmpty();
        assertThat(FaceTemplateText.read(parts[0] + " " + parts[1])).isEmpty();
        assertThat(FaceTemplateText.read(good + " extra")).isEmpty();
        assertThat(FaceTemplateText.read(parts[0] + " NOTADIGEST " + parts[2])).isEmpty();
        assertThat(FaceTemplateText.read(parts[0] + " " + parts[1] + " " + parts[2].substring(4))).isEmpty();
    }
}
