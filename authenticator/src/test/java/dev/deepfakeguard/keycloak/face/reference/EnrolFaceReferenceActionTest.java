package dev.deepfakeguard.keycloak.face.reference;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.mockito.ArgumentCaptor;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static dev.deepfakeguard.keycloak.face.reference.FaceReferenceCredentialTest.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class EnrolFaceReferenceActionTest {

    private final EnrolFaceReferenceAction action = new EnrolFaceReferenceAction(Clock.systemUTC());
    private final RequiredActionContext context = mock(RequiredActionContext.class);
    private final Map<String, String> notes = new HashMap<>();
    private final Map<String, AuthenticationSessionModel.ExecutionStatus> executions = new HashMap<>();
    private final MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
    private final SubjectCredentialManager credentials = mock(SubjectCredentialManager.class);
    private final LoginFormsProvider forms = mock(LoginFormsProvider.class, RETURNS_SELF);

    @BeforeEach
    void signIn() {
        AuthenticationSessionModel authSession = mock(AuthenticationSessionModel.class);
        when(authSession.getAuthNote(anyString())).thenAnswer(i -> notes.get(i.<String>getArgument(0)));
        org.mockito.Mockito.doAnswer(i -> notes.put(i.getArgument(0), i.getArgument(1))).when(authSession)
                .setAuthNote(anyString(), anyString());
        org.mockito.Mockito.doAnswer(i -> notes.remove(i.<String>getArgument(0))).when(authSession)
                .removeAuthNote(anyString());
        when(authSession.getExecutionStatus()).thenReturn(executions);
        RealmModel realm = mock(RealmModel.class);
        AuthenticationExecutionModel otp = new AuthenticationExecutionModel();
        otp.setAuthenticator("auth-otp-form");
        when(realm.getAuthenticationExecutionById("otp-step")).thenReturn(otp);
        AuthenticatorFactory otpFactory = mock(AuthenticatorFactory.class);
        when(otpFactory.getReferenceCategory()).thenReturn("otp");
        KeycloakSessionFactory factories = mock(KeycloakSessionFactory.class);
        when(factories.getProviderFactory(Authenticator.class, "auth-otp-form")).thenReturn((org.keycloak.provider.ProviderFactory) otpFactory);
        KeycloakSession session = mock(KeycloakSession.class);
        when(session.getKeycloakSessionFactory()).thenReturn(factories);
        UserModel user = mock(UserModel.class);
        when(user.credentialManager()).thenReturn(credentials);
        when(credentials.getStoredCredentialsByTypeStream(anyString())).thenAnswer(i -> Stream.empty());
        HttpRequest request = mock(HttpRequest.class);
        when(request.getDecodedFormParameters()).thenReturn(form);
        when(context.getAuthenticationSession()).thenReturn(authSession);
        when(context.getRealm()).thenReturn(realm);
        when(context.getSession()).thenReturn(session);
        when(context.getUser()).thenReturn(user);
        when(context.getHttpRequest()).thenReturn(request);
        when(context.getEvent()).thenReturn(mock(EventBuilder.class, RETURNS_SELF));
        when(context.form()).thenReturn(forms);
        when(forms.createForm(anyString())).thenReturn(mock(Response.class));
    }

    private void livenessPassed() {
        EnrolmentEvidence.keep(context.getAuthenticationSession(), template(9));
    }

    private void secondFactorPassed() {
        executions.put("otp-step", AuthenticationSessionModel.ExecutionStatus.SUCCESS);
    }

    @Test
    void withoutAPassedLivenessCheckTheActionWaits() {
        secondFactorPassed();

        action.requiredActionChallenge(context);

        verify(context).ignore();
        verify(context, never()).challenge(any());
    }

    @Test
    void withoutASecondFactorTheActionWaits() {
        livenessPassed();

        action.requiredActionChallenge(context);

        verify(context).ignore();
        verify(context, never()).challenge(any());
    }

    @Test
    void aFailedSecondFactorDoesNotCount() {
        livenessPassed();
        executions.put("otp-step", AuthenticationSessionModel.ExecutionStatus.FAILED);

        action.requiredActionChallenge(context);

        verify(context).ignore();
    }

    @Test
    void afterLivenessAndSecondFactorTheDisclosureIsShown() {
        livenessPassed();
        secondFactorPassed();

        action.requiredActionChallenge(context);

        verify(forms).createForm(EnrolFaceReferenceAction.TEMPLATE);
        verify(context).challenge(any());
    }

    @Test
    void enrolsOnlyWithConsent() {
        livenessPassed();
        secondFactorPassed();
        form.putSingle(EnrolFaceReferenceAction.ACTION, EnrolFaceReferenceAction.ENROL);

        action.processAction(context);

        verify(forms).setError("dfgEnrolConsentRequired");
        verify(credentials, never()).createStoredCredential(any());
    }

    @Test
    void enrolsTheTemplateOfThePassedCheck() {
        livenessPassed();
        secondFactorPassed();
        form.putSingle(EnrolFaceReferenceAction.ACTION, EnrolFaceReferenceAction.ENROL);
        form.putSingle(EnrolFaceReferenceAction.CONSENT, "yes");

        action.processAction(context);

        ArgumentCaptor<CredentialModel> stored = ArgumentCaptor.forClass(CredentialModel.class);
        verify(credentials).createStoredCredential(stored.capture());
        assertThat(FaceReferenceCredentialModel.from(stored.getValue()).template().orElseThrow()
                .similarityBasisPoints(template(9))).isEqualTo(10_000);
        assertThat(notes).as("the evidence is used once").isEmpty();
        verify(context).success();
    }

    @Test
    void decliningStoresNothing() {
        livenessPassed();
        secondFactorPassed();
        form.putSingle(EnrolFaceReferenceAction.ACTION, "decline");
        form.putSingle(EnrolFaceReferenceAction.CONSENT, "yes");

        action.processAction(context);

        verify(credentials, never()).createStoredCredential(any());
        assertThat(notes).isEmpty();
        verify(context).success();
    }
}
