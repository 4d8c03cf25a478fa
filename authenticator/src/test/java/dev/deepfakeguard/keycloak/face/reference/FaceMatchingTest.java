package dev.deepfakeguard.keycloak.face.reference;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.FlowKind;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.face.match.FaceMatcher;
import dev.deepfakeguard.keycloak.face.match.Probe;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.deepfakeguard.keycloak.face.reference.FaceReferenceCredentialTest.DIGEST;
import static dev.deepfakeguard.keycloak.face.reference.FaceReferenceCredentialTest.OTHER_DIGEST;
import static dev.deepfakeguard.keycloak.face.reference.FaceReferenceCredentialTest.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class FaceMatchingTest {

    private static final FaceTemplate OWNER = template(1);
    private static final FaceTemplate SOMEONE_ELSE = template(2);

    /** A matcher that returns a fixed probe. */
    private record FixedMatcher(boolean isConfigured, Optional<String> modelDigest, Probe answer)
            implements FaceMatcher {
        @Override
        public Probe probe(List<CapturedFrame> frames, int width, int height) {
            return answer;
        }
    }

    private static FaceMatcher working(Probe answer) {
        return new FixedMatcher(true, Optional.of(DIGEST), answer);
    }

    private static UserModel user(FaceTemplate... references) {
        UserModel user = mock(UserModel.class);
        SubjectCredentialManager credentials = mock(SubjectCredentialManager.class);
        when(user.credentialManager()).thenReturn(credentials);
        when(user.getId()).thenReturn("u1");
        when(credentials.getStoredCredentialsByTypeStream(FaceReferenceCredentialModel.TYPE)).thenAnswer(i ->
                Stream.of(references).map(t -> (CredentialModel) FaceReferenceCredentialModel.of(t, 1L)));
        return user;
    }

    private static FaceMatchOutcome match(FaceMatcher matcher, UserModel user, FlowKind flow) {
        KeycloakSession session = mock(KeycloakSession.class);
        when(session.getProvider(FaceMatcher.class, "onnx")).thenReturn(matcher);
        RealmModel realm = mock(RealmModel.class);
        when(realm.getName()).thenReturn("r");
        return FaceMatching.match(session, realm, user, FaceMatchConfig.from(Map.of(), flow), List.of(), 320, 240);
    }

    @Test
    void theOwnersFaceIsAllowed() {
        FaceMatchOutcome outcome = match(working(new Probe.Template(OWNER, 3)), user(OWNER), FlowKind.LOGIN);

        assertThat(outcome.decision()).isEqualTo(Decision.ALLOW);
        assertThat(outcome.reasonCode()).isEqualTo(ReasonCodes.FACE_MATCHED);
        assertThat(outcome.similarity()).hasValue(10_000);
    }

    @ParameterizedTest
    @EnumSource(FlowKind.class)
    void anotherFaceIsDeniedInEveryFlow(FlowKind flow) {
        FaceMatchOutcome outcome = match(working(new Probe.Template(SOMEONE_ELSE, 3)), user(OWNER), flow);

        assertThat(outcome.decision()).isEqualTo(Decision.DENY);
        assertThat(outcome.reasonCode()).isEqualTo(ReasonCodes.FACE_MISMATCH);
        assertThat(outcome.probe()).isPresent();
    }

    @Test
    void lookingAwayFromTheCameraIsAMismatchNotAPass() {
        FaceMatchOutcome outcome = match(working(new Probe.NoFace()), user(OWNER), FlowKind.LOGIN);

        assertThat(outcome.decision()).isEqualTo(Decision.DENY);
        assertThat(outcome.reasonCode()).isEqualTo(ReasonCodes.FACE_MISMATCH);
    }

    @Test
    void missingReferenceMeansLivenessOnlyAtLoginAndStepUpElsewhere() {
        Probe live = new Probe.Template(OWNER, 3);
        UserModel enrolling = user();
        when(enrolling.getRequiredActionsStream())
                .thenAnswer(i -> Stream.of(EnrolFaceReferenceActionFactory.PROVIDER_ID));

        FaceMatchOutcome login = match(working(live), enrolling, FlowKind.LOGIN);
        FaceMatchOutcome reset = match(working(live), user(), FlowKind.PASSWORD_RESET);
        FaceMatchOutcome admin = match(working(live), user(), FlowKind.ADMIN);

        assertThat(login.decision()).isEqualTo(Decision.ALLOW);
        assertThat(login.reasonCode()).isEqualTo(ReasonCodes.NO_FACE_REFERENCE);
        assertThat(login.probe()).as("kept for an enrolment in this sign-in").contains(OWNER);
        assertThat(reset.decision()).isEqualTo(Decision.STEP_UP);
        assertThat(admin.decision()).isEqualTo(Decision.STEP_UP);
        assertThat(reset.probe()).as("no enrolment pending, no template kept").isEmpty();
    }

    @Test
    void referenceOfAnotherModelIsNoReferenceNeverAMatch() {
        float[] vector = new float[512];
        vector[7] = 1;
        FaceMatcher otherModel = new FixedMatcher(true, Optional.of(OTHER_DIGEST),
                new Probe.Template(FaceTemplate.of(vector, "other", OTHER_DIGEST), 3));

        FaceMatchOutcome outcome = match(otherModel, user(OWNER), FlowKind.PASSWORD_RESET);

        assertThat(outcome.reasonCode()).isEqualTo(ReasonCodes.NO_FACE_REFERENCE);
        assertThat(outcome.decision()).isEqualTo(Decision.STEP_UP);
        assertThat(outcome.similarity()).isEmpty();
    }

    @Test
    void brokenMatcherFallsBackForAnAccountWithAReference() {
        FaceMatcher broken = new FixedMatcher(true, Optional.empty(), new Probe.Unavailable("corrupt model"));

        FaceMatchOutcome outcome = match(broken, user(OWNER), FlowKind.LOGIN);

        assertThat(outcome.decision()).isEqualTo(Decision.STEP_UP);
        assertThat(outcome.reasonCode()).isEqualTo(ReasonCodes.FACE_MATCH_UNAVAILABLE);
    }

    @Test
    void failingInferenceFallsBackToo() {
        FaceMatchOutcome outcome = match(working(new Probe.Unavailable("inference failed")), user(OWNER),
                FlowKind.ADMIN);

        assertThat(outcome.decision()).isEqualTo(Decision.STEP_UP);
        assertThat(outcome.reasonCode()).isEqualTo(ReasonCodes.FACE_MATCH_UNAVAILABLE);
    }

    @Test
    void missingMatcherProviderFallsBackForAnAccountWithAReference() {
        assertThat(match(null, user(OWNER), FlowKind.LOGIN).decision()).isEqualTo(Decision.STEP_UP);
    }

    @Test
    void serverWithoutMatchingLeavesAccountsWithoutReferenceAlone() {
        FaceMatcher off = new FixedMatcher(false, Optional.empty(), new Probe.Unavailable("no model"));

        FaceMatchOutcome outcome = match(off, user(), FlowKind.PASSWORD_RESET);

        assertThat(outcome.applies()).isFalse();
        assertThat(outcome.decision()).isEqualTo(Decision.ALLOW);
    }

    @Test
    void unavailableCanNeverBeConfiguredToAllow() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FaceMatchConfig.from(
                Map.of(FaceMatchConfig.UNAVAILABLE, "allow"), FlowKind.LOGIN))
                .hasMessageContaining(FaceMatchConfig.UNAVAILABLE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FaceMatchConfig.from(
                Map.of(FaceMatchConfig.ALLOW_THRESHOLD, "3000", FaceMatchConfig.STEP_UP_THRESHOLD, "4000"),
                FlowKind.LOGIN)).isInstanceOf(IllegalArgumentException.class);
    }
}
