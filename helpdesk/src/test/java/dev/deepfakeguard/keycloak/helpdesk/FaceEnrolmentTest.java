package dev.deepfakeguard.keycloak.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.util.EnumSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;

import dev.deepfakeguard.keycloak.face.reference.FaceReferenceCredentialModel;
import dev.deepfakeguard.keycloak.face.reference.FaceTemplate;
import dev.deepfakeguard.keycloak.helpdesk.store.RequestEntity;
import dev.deepfakeguard.keycloak.helpdesk.store.StateChange;

class FaceEnrolmentTest {

    private static final FaceTemplate LIVE = template();

    private static FaceTemplate template() {
        float[] vector = new float[128];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (i % 7) - 3.5f;
        }
        return FaceTemplate.of(vector, "test-model", "a".repeat(64));
    }

    private static RealmModel realm(boolean reenrolFace) {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getName()).thenReturn("r");
        when(realm.getAttribute(RealmHelpdeskOptions.REENROL_FACE)).thenReturn(Boolean.toString(reenrolFace));
        return realm;
    }

    private static UserModel user(boolean hasReference) {
        UserModel user = mock(UserModel.class);
        SubjectCredentialManager credentials = mock(SubjectCredentialManager.class);
        when(user.getId()).thenReturn("u1");
        when(user.credentialManager()).thenReturn(credentials);
        when(credentials.getStoredCredentialsByTypeStream(FaceReferenceCredentialModel.TYPE)).thenAnswer(i ->
                hasReference ? Stream.of(new CredentialModel()) : Stream.empty());
        return user;
    }

    private static RequestEntity request(HelpdeskState state) {
        RequestEntity request = new RequestEntity();
        request.setId("r1");
        request.setRealmId("realm");
        request.setUserId("u1");
        request.setAgentId("agent");
        request.setTicket("INC-1");
        request.setState(state.value());
        request.setOpenKey(StateChange.openKey("realm", "u1"));
        request.setExpiresAt(10_000);
        return request;
    }

    @Test
    void offeredToAnAccountWithoutAReference() {
        assertThat(FaceEnrolment.mayOffer(realm(false), user(false))).isTrue();
    }

    @Test
    void anExistingReferenceIsNotOfferedForReplacementUnlessTheRealmAllowsIt() {
        assertThat(FaceEnrolment.mayOffer(realm(false), user(true))).isFalse();
        assertThat(FaceEnrolment.mayOffer(realm(true), user(true))).isTrue();
    }

    @Test
    void theKeptTemplateStaysWhileTheRequestIsOpen() {
        RequestEntity request = request(HelpdeskState.LINK_OPENED);
        FaceEnrolment.keep(request, LIVE);

        assertThat(StateChange.move(request, HelpdeskState.LIVENESS_PASSED, 1)).isTrue();
        assertThat(StateChange.move(request, HelpdeskState.CODE_CONFIRMED, 2)).isTrue();
        assertThat(StateChange.move(request, HelpdeskState.APPROVED, 3)).isTrue();

        assertThat(request.getFaceTemplate()).isNotNull();
    }

    /** Expired, reported, cancelled, liveness or code failed: the template is gone with the end of the request. */
    @ParameterizedTest
    @EnumSource(value = HelpdeskState.class, names = {"EXPIRED", "CANCELLED", "CODE_FAILED", "RESET_ISSUED"})
    void everyEndOfTheRequestDropsTheTemplate(HelpdeskState end) {
        RequestEntity request = request(HelpdeskState.CODE_CONFIRMED);
        FaceEnrolment.keep(request, LIVE);
        if (end == HelpdeskState.CODE_FAILED) {
            request.setState(HelpdeskState.LIVENESS_PASSED.value());
        }

        assertThat(StateChange.move(request, end, 5)).isTrue();

        assertThat(request.getFaceTemplate()).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = HelpdeskState.class, names = {"REPORTED", "LIVENESS_FAILED", "EXPIRED", "CANCELLED"})
    void endsBeforeTheCheckDropItToo(HelpdeskState end) {
        RequestEntity request = request(HelpdeskState.LINK_OPENED);
        request.setFaceTemplate("anything");

        assertThat(StateChange.move(request, end, 5)).isTrue();

        assertThat(request.getFaceTemplate()).isNull();
    }

    @Test
    void anExpiryNoticedOnReadDropsTheTemplate() {
        RequestEntity request = request(HelpdeskState.CODE_CONFIRMED);
        FaceEnrolment.keep(request, LIVE);

        assertThat(StateChange.expireIfDue(request, 10_000)).isTrue();

        assertThat(request.getFaceTemplate()).isNull();
    }

    @Test
    void everyStateThatIsNotOpenIsCovered() {
        EnumSet<HelpdeskState> closed = EnumSet.allOf(HelpdeskState.class);
        closed.removeIf(HelpdeskState::isOpen);
        // DONE follows RESET_ISSUED, which already dropped the template.
        assertThat(closed).containsExactlyInAnyOrder(HelpdeskState.LIVENESS_FAILED, HelpdeskState.CODE_FAILED,
                HelpdeskState.RESET_ISSUED, HelpdeskState.DONE, HelpdeskState.EXPIRED, HelpdeskState.REPORTED,
                HelpdeskState.CANCELLED);
    }

    @Test
    void aReferenceEnrolledMeanwhileIsNotReplacedAtTheReset() {
        UserModel user = user(true);
        RequestEntity request = request(HelpdeskState.CODE_CONFIRMED);
        FaceEnrolment.keep(request, LIVE);

        boolean enrolled = FaceEnrolment.onReset(mock(KeycloakSession.class), realm(false), user, request,
                Clock.systemUTC());

        assertThat(enrolled).isFalse();
        assertThat(request.getFaceTemplate()).isNull();
        verify(user.credentialManager(), never()).createStoredCredential(any(CredentialModel.class));
    }

    @Test
    void withoutConsentNothingIsEnrolledAtTheReset() {
        UserModel user = user(false);
        RequestEntity request = request(HelpdeskState.CODE_CONFIRMED);

        boolean enrolled = FaceEnrolment.onReset(mock(KeycloakSession.class), realm(false), user, request,
                Clock.systemUTC());

        assertThat(enrolled).isFalse();
        verify(user.credentialManager(), never()).createStoredCredential(any(CredentialModel.class));
    }

    @Test
    void aDamagedTemplateIsDroppedNotEnrolled() {
        UserModel user = user(false);
        RequestEntity request = request(HelpdeskState.CODE_CONFIRMED);
        request.setFaceTemplate("test-model " + "a".repeat(64) + " not-base64!");

        assertThat(FaceEnrolment.onReset(mock(KeycloakSession.class), realm(false), user, request,
                Clock.systemUTC())).isFalse();

        assertThat(request.getFaceTemplate()).isNull();
        verify(user.credentialManager(), never()).createStoredCredential(any(CredentialModel.class));
    }

    @Test
    void theAgentsViewNeverCarriesTheTemplate() {
        RequestEntity request = request(HelpdeskState.CODE_CONFIRMED);
        FaceEnrolment.keep(request, LIVE);

        RequestView view = RequestView.of(request, "agent", 3);

        assertThat(view.toString()).doesNotContain(request.getFaceTemplate())
                .doesNotContain(request.getFaceTemplate().split(" ")[2].substring(0, 16));
    }
}
