package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.EventDetails;
import dev.deepfakeguard.keycloak.contract.EventErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.events.Errors;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EventClassifierTest {

    private final LockoutConfig config = LockoutConfig.defaults();

    @ParameterizedTest
    @ValueSource(strings = {EventErrors.LIVENESS_FAILED, EventErrors.DEEPFAKE_SUSPECTED,
            EventErrors.LIVENESS_ATTEMPTS_EXHAUSTED, EventErrors.LIVENESS_CHALLENGE_INVALID,
            EventErrors.LIVENESS_SUBMISSION_INVALID})
    void countsLivenessFailuresOfAnyFlow(String error) {
        assertThat(classify(event(EventType.LOGIN_ERROR, error), Decision.DENY)).contains(Signal.failure(error));
        assertThat(classify(event(EventType.RESET_PASSWORD_ERROR, error), Decision.DENY))
                .contains(Signal.failure(error));
    }

    @ParameterizedTest
    @ValueSource(strings = {EventErrors.HELPDESK_CODE_WRONG, EventErrors.HELPDESK_REPORTED})
    void countsFailedAndReportedHelpdeskVerifications(String error) {
        assertThat(classify(event(EventType.RESET_PASSWORD_ERROR, error), null))
                .contains(Signal.failure(error));
    }

    @ParameterizedTest
    @ValueSource(strings = {EventErrors.LIVENESS_LOCKED, EventErrors.LIVENESS_CONFIG_INVALID,
            EventErrors.LIVENESS_SCORER_UNAVAILABLE, "liveness_from_the_future", Errors.USER_NOT_FOUND})
    void ignoresErrorsThatAreNotAttemptsByThePerson(String error) {
        assertThat(classify(event(EventType.LOGIN_ERROR, error), Decision.DENY)).isEmpty();
    }

    @Test
    void countsScorerOutagesOnlyWhenConfigured() {
        LockoutConfig counting = LockoutConfig.from(Map.of(LockoutConfig.COUNT_SCORER_UNAVAILABLE.attribute(),
                "true"));

        assertThat(EventClassifier.classify(event(EventType.LOGIN_ERROR, EventErrors.LIVENESS_SCORER_UNAVAILABLE),
                counting, Optional::empty)).isPresent();
    }

    @Test
    void countsWrongSecondFactorOnlyAfterStepUp() {
        Event wrongOtp = event(EventType.LOGIN_ERROR, Errors.INVALID_USER_CREDENTIALS);

        assertThat(classify(wrongOtp, Decision.STEP_UP)).contains(Signal.failure("step_up_failed"));
        assertThat(classify(wrongOtp, Decision.ALLOW)).isEmpty();
        assertThat(EventClassifier.classify(wrongOtp, config, Optional::empty)).isEmpty();
    }

    @Test
    void loginThatPassedTheCheckIsASuccess() {
        Event login = event(EventType.LOGIN, null);
        login.setDetails(Map.of(EventDetails.DECISION, Decision.ALLOW.value()));

        assertThat(classify(login, null)).contains(Signal.success());
    }

    @Test
    void loginWithoutADecisionIsNotASuccessOfOurs() {
        assertThat(EventClassifier.classify(event(EventType.LOGIN, null), config, Optional::empty)).isEmpty();
    }

    @Test
    void ignoresMalformedEvents() {
        Event noType = new Event();
        noType.setError(EventErrors.LIVENESS_FAILED);

        assertThat(classify(noType, Decision.DENY)).isEmpty();
        assertThat(classify(event(EventType.LOGIN, EventErrors.LIVENESS_FAILED), Decision.DENY)).isEmpty();
    }

    private Optional<Signal> classify(Event event, Decision sessionDecision) {
        return EventClassifier.classify(event, config, () -> Optional.ofNullable(sessionDecision));
    }

    private static Event event(EventType type, String error) {
        Event event = new Event();
        event.setType(type);
        event.setError(error);
        event.setRealmId("realm");
        event.setUserId("user-1");
        return event;
    }
}
