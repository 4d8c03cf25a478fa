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
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.RoleModel;
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
    private final RealmModel realm = mock(RealmModel.class);
    private final UserModel user = mock(UserModel.class);

    @BeforeEach
    void signIn() {
        AuthenticationSessionModel authSession = mock(AuthenticationSessionModel.class);
        when(authSession.getAuthNote(anyString())).thenAnswer(i -> notes.get(i.<String>getArgument(0)));
        org.mockito.Mockito.doAnswer(i -> notes.put(i.getArgument(0), i.getArgument(1))).when(authSession)
                .setAuthNote(anyString(), anyString());
        org.mockito.Mockito.doAnswer(i -> notes.remove(i.<String>getArgument(0))).when(authSession)
                .removeAuthNote(anyString());
        when(authSession.getExecutionStatus()).thenReturn(executions);
        AuthenticationExecutionModel otp = new AuthenticationExecutionModel();
        otp.setAuthenticator("auth-otp-form");
        when(realm.getAuthenticationExecutionById("otp-step")).thenReturn(otp);
        AuthenticatorFactory otpFactory = mock(AuthenticatorFactory.class);
        when(otpFactory.getReferenceCategory()).thenReturn("otp");
        KeycloakSessionFactory factories = mock(KeycloakSessionFactory.class);
        when(factories.getProviderFactory(Authenticator.class, "auth-otp-form")).thenReturn((org.keycloak.provider.ProviderFactory) otpFactory);
        // A step without a reference category (as the liveness step): passed in the same sign-in.
        AuthenticationExecutionModel liveness = new AuthenticationExecutionModel();
        liveness.setAuthenticator("deepfake-guard-liveness");
        when(realm.getAuthenticationExecutionById("liveness-step")).thenReturn(liveness);
        AuthenticatorFactory livenessFactory = mock(AuthenticatorFactory.class);
        when(factories.getProviderFactory(Authenticator.class, "deepfake-guard-liveness"))
                .thenReturn((org.keycloak.provider.ProviderFactory) livenessFactory);
        KeycloakSession session = mock(KeycloakSession.class);
        when(session.getKeycloakSessionFactory()).thenReturn(factories);
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
    void aStepWithoutReferenceCategoryIsNoSecondFactorAndNoError() {
        livenessPassed();
        // Iterated first: a step whose factory names no reference category must not break the look-up.
        Map<String, AuthenticationSessionModel.ExecutionStatus> ordered = new java.util.LinkedHashMap<>();
        ordered.put("liveness-step", AuthenticationSessionModel.ExecutionStatus.SUCCESS);
        ordered.put("otp-step", AuthenticationSessionModel.ExecutionStatus.SUCCESS);
        when(context.getAuthenticationSession().getExecutionStatus()).thenReturn(ordered);

        action.requiredActionChallenge(context);

        verify(context).challenge(any());
    }

    @Test
    void onlyAStepWithoutReferenceCategoryIsNoSecondFactor() {
        livenessPassed();
        executions.put("liveness-step", AuthenticationSessionModel.ExecutionStatus.SUCCESS);

        action.requiredActionChallenge(context);

        verify(context).ignore();
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

    /** The realm's enrolment action, configured to require holders of the realm role {@code auditor}. */
    private void auditorsMustEnrol(boolean holder) {
        RequiredActionProviderModel enrol = new RequiredActionProviderModel();
        enrol.setAlias(EnrolFaceReferenceActionFactory.PROVIDER_ID);
        enrol.setProviderId(EnrolFaceReferenceActionFactory.PROVIDER_ID);
        enrol.setEnabled(true);
        when(realm.getRequiredActionProvidersStream()).thenAnswer(i -> Stream.of(enrol));
        RequiredActionConfigModel config = new RequiredActionConfigModel();
        config.setConfig(Map.of(EnrolmentRequirement.ROLES, "auditor"));
        when(realm.getRequiredActionConfigByAlias(EnrolFaceReferenceActionFactory.PROVIDER_ID)).thenReturn(config);
        RoleModel auditor = mock(RoleModel.class);
        // Keycloak resolves role names through its lookup provider (cached in a running server).
        org.keycloak.cache.AlternativeLookupProvider lookup = mock(org.keycloak.cache.AlternativeLookupProvider.class);
        when(lookup.lookupRoleFromString(realm, "auditor")).thenReturn(auditor);
        when(context.getSession().getProvider(org.keycloak.cache.AlternativeLookupProvider.class)).thenReturn(lookup);
        when(user.hasRole(auditor)).thenReturn(holder);
        when(user.getRequiredActionsStream()).thenAnswer(i -> Stream.empty());
    }

    @Test
    void aRoleHolderWithoutAReferenceGetsTheAction() {
        auditorsMustEnrol(true);

        action.evaluateTriggers(context);

        verify(user).addRequiredAction(EnrolFaceReferenceActionFactory.PROVIDER_ID);
    }

    @Test
    void otherUsersDoNotGetTheAction() {
        auditorsMustEnrol(false);

        action.evaluateTriggers(context);

        verify(user, never()).addRequiredAction(anyString());
    }

    @Test
    void aRoleHolderWithAReferenceDoesNotGetTheAction() {
        auditorsMustEnrol(true);
        when(credentials.getStoredCredentialsByTypeStream(anyString()))
                .thenAnswer(i -> Stream.of(new CredentialModel()));

        action.evaluateTriggers(context);

        verify(user, never()).addRequiredAction(anyString());
    }
}
