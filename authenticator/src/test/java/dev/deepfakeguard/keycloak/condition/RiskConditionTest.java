package dev.deepfakeguard.keycloak.condition;

import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.SessionNotes;
import dev.deepfakeguard.keycloak.contract.UserFlags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.EventBuilder;
import org.mockito.Mockito;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class RiskConditionTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private final Map<String, String> authNotes = new HashMap<>();
    private final Map<String, String> userSessionNotes = new HashMap<>();
    private final Map<String, String> config = new HashMap<>();
    private final RiskCondition condition = new RiskCondition(Clock.fixed(NOW, ZoneOffset.UTC));
    private AuthenticationFlowContext context;
    private UserModel user;
    private EventBuilder event;

    @BeforeEach
    void setUp() {
        context = mock(AuthenticationFlowContext.class);
        AuthenticationSessionModel authSession = mock(AuthenticationSessionModel.class);
        when(authSession.getAuthNote(anyString())).thenAnswer(call -> authNotes.get(call.<String>getArgument(0)));
        when(authSession.getUserSessionNotes()).thenReturn(userSessionNotes);
        user = mock(UserModel.class);
        RealmModel realm = mock(RealmModel.class);
        when(realm.getName()).thenReturn("test");
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(config);
        when(context.getAuthenticationSession()).thenReturn(authSession);
        when(context.getUser()).thenReturn(user);
        when(context.getRealm()).thenReturn(realm);
        when(context.getAuthenticatorConfig()).thenReturn(model);
        event = mock(EventBuilder.class, Mockito.RETURNS_SELF);
        when(context.getEvent()).thenReturn(event);
    }

    @ParameterizedTest(name = "decision {0}, fallback {1} -> risky {2}")
    @CsvSource({"allow, false, false", "step_up, false, true", "step_up, true, true", "deny, false, true",
            "forged, false, true"})
    void matchesWhenLivenessAskedForMore(String decision, String fallback, boolean risky) {
        authNotes.put(SessionNotes.AUTH_DECISION, decision);
        authNotes.put(SessionNotes.AUTH_FALLBACK, fallback);

        assertThat(condition.matchCondition(context)).isEqualTo(risky);
    }

    @Test
    void matchesAFlaggedUserWhateverTheScore() {
        authNotes.put(SessionNotes.AUTH_DECISION, "allow");
        when(user.getFirstAttribute(UserFlags.FORCE_STEP_UP)).thenReturn("true");

        assertThat(condition.matchCondition(context)).isTrue();
    }

    @ParameterizedTest(name = "passed {0} s ago with max age {1} -> risky {2}")
    @CsvSource({"10, 300, false", "301, 300, true", "-5, 300, true"})
    void matchesWhenThePassedCheckIsTooOld(long ageSeconds, long maxAge, boolean risky) {
        config.put(RiskConditionConfig.MAX_AGE_SECONDS, Long.toString(maxAge));
        userSessionNotes.put(SessionNotes.LIVENESS_PASSED_AT, Long.toString(NOW.getEpochSecond() - ageSeconds));

        assertThat(condition.matchCondition(context)).isEqualTo(risky);
    }

    @Test
    void treatsAnUnreadablePassTimeAsTooOld() {
        config.put(RiskConditionConfig.MAX_AGE_SECONDS, "300");
        authNotes.put(SessionNotes.LIVENESS_PASSED_AT, "yesterday");

        assertThat(condition.matchCondition(context)).isTrue();
    }

    @Test
    void treatsABrokenConfigurationAsRisk() {
        config.put(RiskConditionConfig.ON_STEP_UP, "perhaps");
        authNotes.put(SessionNotes.AUTH_DECISION, "allow");

        assertThat(condition.matchCondition(context)).isTrue();
        Mockito.verify(event).error(EventErrors.LIVENESS_CONFIG_INVALID);
    }

    @Test
    void negatesTheResult() {
        config.put(RiskConditionConfig.NEGATE, "true");
        authNotes.put(SessionNotes.AUTH_DECISION, "allow");

        assertThat(condition.matchCondition(context)).isTrue();
    }
}
