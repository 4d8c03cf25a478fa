package dev.deepfakeguard.keycloak.helpdesk.caller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import dev.deepfakeguard.keycloak.face.reference.EnrolmentEvidence;
import dev.deepfakeguard.keycloak.face.reference.FaceTemplate;

/**
 * The caller's answer on the enrolment page. The paths that reach the request (consent given, "Not now") need the
 * database and are the integration stories'; here: what must never reach it.
 */
class CodeStepConsentTest {

    private final Map<String, String> notes = new HashMap<>();
    private final AuthenticationSessionModel authSession = mock(AuthenticationSessionModel.class);
    private final LoginFormsProvider forms = mock(LoginFormsProvider.class, RETURNS_SELF);
    private final KeycloakSession session = mock(KeycloakSession.class);
    private final AuthenticationFlowContext context = mock(AuthenticationFlowContext.class);
    private final CodeStep step = new CodeStep(Clock.systemUTC());

    CodeStepConsentTest() {
        when(authSession.getAuthNote(anyString())).thenAnswer(i -> notes.get(i.<String>getArgument(0)));
        doAnswer(i -> notes.put(i.getArgument(0), i.getArgument(1))).when(authSession)
                .setAuthNote(anyString(), anyString());
        doAnswer(i -> notes.remove(i.<String>getArgument(0))).when(authSession).removeAuthNote(anyString());
        RealmModel realm = mock(RealmModel.class);
        UserModel user = mock(UserModel.class);
        SubjectCredentialManager credentials = mock(SubjectCredentialManager.class);
        when(user.credentialManager()).thenReturn(credentials);
        when(credentials.getStoredCredentialsByTypeStream(anyString())).thenAnswer(i -> Stream.empty());
        when(context.getAuthenticationSession()).thenReturn(authSession);
        when(context.getRealm()).thenReturn(realm);
        when(context.getUser()).thenReturn(user);
        when(context.getSession()).thenReturn(session);
        when(context.form()).thenReturn(forms);
        when(forms.createForm(anyString())).thenReturn(mock(Response.class));
        when(forms.createErrorPage(any())).thenReturn(mock(Response.class));
    }

    private void post(Map<String, String> fields) {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        fields.forEach(form::add);
        HttpRequest request = mock(HttpRequest.class);
        when(request.getDecodedFormParameters()).thenReturn(form);
        when(context.getHttpRequest()).thenReturn(request);
        step.action(context);
    }

    private void passedCheckWithOffer() {
        EnrolmentEvidence.offer(authSession);
        float[] vector = new float[128];
        vector[0] = 1;
        EnrolmentEvidence.keep(authSession, FaceTemplate.of(vector, "m", "b".repeat(64)));
    }

    @Test
    void afterThePassedCheckTheEnrolmentPageComesBeforeTheCode() {
        passedCheckWithOffer();

        step.authenticate(context);

        verify(forms).setAttribute("dfgEnrolAfterHelpdesk", true);
        verify(forms).createForm(CallerPages.ENROL_TEMPLATE);
        verify(session, never()).getProvider(any());
        assertThat(EnrolmentEvidence.read(authSession)).isPresent();
    }

    @Test
    void enrolWithoutTheConsentBoxShowsThePageAgainAndTouchesNoRequest() {
        passedCheckWithOffer();

        post(Map.of(CodeStep.ACTION, CodeStep.ENROL));

        verify(forms).setError(CodeStep.CONSENT_REQUIRED);
        verify(forms).createForm(CallerPages.ENROL_TEMPLATE);
        // CallerTransitions needs the session's JPA provider: not reached.
        verify(session, never()).getProvider(any());
        verify(context, never()).success();
    }

    @Test
    void aPostWithoutAKeptTemplateEndsTheFlow() {
        EnrolmentEvidence.offer(authSession);

        post(Map.of(CodeStep.ACTION, CodeStep.ENROL, CodeStep.CONSENT, "yes"));

        verify(forms).createErrorPage(any());
        verify(forms, never()).createForm(eq(CallerPages.ENROL_TEMPLATE));
        verify(session, never()).getProvider(any());
    }

    @Test
    void aTemplateKeptWithoutTheFlowsOfferIsNotOffered() {
        float[] vector = new float[128];
        vector[0] = 1;
        EnrolmentEvidence.keep(authSession, FaceTemplate.of(vector, "m", "b".repeat(64)));

        post(Map.of(CodeStep.ACTION, CodeStep.ENROL, CodeStep.CONSENT, "yes"));

        verify(forms).createErrorPage(any());
        verify(session, never()).getProvider(any());
        verify(forms, never()).setAttribute(anyString(), anyBoolean());
    }
}
