package dev.deepfakeguard.keycloak.face.reference;

import dev.deepfakeguard.keycloak.contract.FlowKind;
import dev.deepfakeguard.keycloak.face.match.FaceMatcher;
import dev.deepfakeguard.keycloak.face.match.Probe;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.deepfakeguard.keycloak.face.reference.FaceReferenceCredentialTest.DIGEST;
import static dev.deepfakeguard.keycloak.face.reference.FaceReferenceCredentialTest.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The template a flow that offers an enrolment itself (the helpdesk caller's) takes from the passed check. */
class FaceMatchingLiveTemplateTest {

    private record FixedMatcher(Optional<String> modelDigest, Probe answer) implements FaceMatcher {
        @Override
        public Probe probe(List<CapturedFrame> frames, int width, int height) {
            return answer;
        }
    }

    private static Optional<FaceTemplate> live(FaceMatcher matcher, Map<String, String> config) {
        KeycloakSession session = mock(KeycloakSession.class);
        when(session.getProvider(FaceMatcher.class, "onnx")).thenReturn(matcher);
        return FaceMatching.liveTemplate(session, FaceMatchConfig.from(config, FlowKind.PASSWORD_RESET), List.of(),
                320, 240);
    }

    @Test
    void theFramesFaceIsTheTemplate() {
        FaceTemplate face = template(3);

        assertThat(live(new FixedMatcher(Optional.of(DIGEST), new Probe.Template(face, 3)), Map.of()))
                .hasValueSatisfying(t -> assertThat(t.similarityBasisPoints(face)).isEqualTo(10_000));
    }

    @Test
    void noFaceOrAFailingModelGivesNoTemplate() {
        assertThat(live(new FixedMatcher(Optional.of(DIGEST), new Probe.NoFace()), Map.of())).isEmpty();
        assertThat(live(new FixedMatcher(Optional.of(DIGEST), new Probe.Unavailable("boom")), Map.of())).isEmpty();
    }

    @Test
    void aMatcherWithoutALoadedModelOrSwitchedOffGivesNoTemplate() {
        Probe face = new Probe.Template(template(3), 3);

        assertThat(live(new FixedMatcher(Optional.empty(), face), Map.of())).isEmpty();
        assertThat(live(new FixedMatcher(Optional.of(DIGEST), face), Map.of(FaceMatchConfig.MATCHER, "none")))
                .isEmpty();
        assertThat(live(null, Map.of())).isEmpty();
    }
}
