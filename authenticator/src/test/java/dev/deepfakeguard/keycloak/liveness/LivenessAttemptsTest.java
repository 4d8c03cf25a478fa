package dev.deepfakeguard.keycloak.liveness;

import static dev.deepfakeguard.keycloak.testing.FlowFixture.ALLOW_ACCESS;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.LIVENESS;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.USERNAME_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.keycloak.models.AuthenticationExecutionModel.Requirement.REQUIRED;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.core.MultivaluedHashMap;

import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.http.HttpRequest;
import org.mockito.ArgumentCaptor;

import dev.deepfakeguard.keycloak.contract.EventDetails;
import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.LivenessForm;
import dev.deepfakeguard.keycloak.contract.SessionNotes;
import dev.deepfakeguard.keycloak.testing.FlowFixture;

/**
 * The attempt count of a request is read once and handed along: the event, the stored count and the next page agree,
 * and a note that does not parse leaves no attempt.
 */
class LivenessAttemptsTest {

    private final LivenessAuthenticator liveness = LivenessSteps.nobodyLocked();

    @Test
    void aRejectedSubmissionCountsOnceAndShowsTheNextAttempt() {
        AuthenticationFlowContext context = submittingWithoutChallenge("1");

        liveness.action(context);

        verify(context.getAuthenticationSession()).setAuthNote(SessionNotes.AUTH_ATTEMPTS, "2");
        verify(context.getEvent()).detail(EventDetails.ATTEMPT, "2");
        verify(context.getEvent()).error(EventErrors.LIVENESS_CHALLENGE_INVALID);
        assertThat(shownPage(context).getAttempt()).isEqualTo(3);
        verify(context.getAuthenticationSession(), times(1)).getAuthNote(SessionNotes.AUTH_ATTEMPTS);
    }

    @Test
    void theLastFailureEndsWithTheExhaustedPage() {
        AuthenticationFlowContext context = submittingWithoutChallenge("2");

        liveness.action(context);

        verify(context.getAuthenticationSession()).setAuthNote(SessionNotes.AUTH_ATTEMPTS, "3");
        verify(context.getEvent()).detail(EventDetails.ATTEMPT, "3");
        verify(context.getEvent()).error(EventErrors.LIVENESS_ATTEMPTS_EXHAUSTED);
        verify(context).forceChallenge(any());
        verify(context.getAuthenticationSession(), times(1)).getAuthNote(SessionNotes.AUTH_ATTEMPTS);
    }

    @Test
    void anUnreadableCountLeavesNoAttempt() {
        AuthenticationFlowContext context = submittingWithoutChallenge("two");

        liveness.action(context);

        verify(context).forceChallenge(any());
        verify(context.getAuthenticationSession(), never()).setAuthNote(eq(SessionNotes.AUTH_ATTEMPTS), anyString());
        verify(context, never()).success();
    }

    @Test
    void theFirstPageShowsTheAttemptAfterTheUsedOnes() {
        AuthenticationFlowContext context = at(Map.of(SessionNotes.AUTH_ATTEMPTS, "1"));

        liveness.authenticate(context);

        verify(context).challenge(any());
        assertThat(shownPage(context).getAttempt()).isEqualTo(2);
        assertThat(shownPage(context).getMaxAttempts()).isEqualTo(LivenessConfig.DEFAULT_MAX_ATTEMPTS);
    }

    /** A consented submission that names no open challenge: rejected before anything is scored. */
    private static AuthenticationFlowContext submittingWithoutChallenge(String attemptsNote) {
        AuthenticationFlowContext context = at(Map.of(SessionNotes.AUTH_ATTEMPTS, attemptsNote));
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle(LivenessForm.ACTION, LivenessForm.ACTION_SUBMIT);
        form.putSingle(LivenessForm.CONSENT, LivenessForm.CONSENT_GIVEN);
        HttpRequest request = mock(HttpRequest.class);
        when(request.getDecodedFormParameters()).thenReturn(form);
        when(context.getHttpRequest()).thenReturn(request);
        return context;
    }

    private static AuthenticationFlowContext at(Map<String, String> notes) {
        return FlowFixture.flow(top -> top.step(USERNAME_PASSWORD, REQUIRED).step(LIVENESS, REQUIRED)
                .step(ALLOW_ACCESS, REQUIRED)).contextAt(LIVENESS, Set.of(), notes);
    }

    private static LivenessPageBean shownPage(AuthenticationFlowContext context) {
        ArgumentCaptor<Object> bean = ArgumentCaptor.forClass(Object.class);
        LoginFormsProvider form = context.form();
        verify(form).setAttribute(eq(LivenessForm.PAGE_BEAN), bean.capture());
        return (LivenessPageBean) bean.getValue();
    }
}
