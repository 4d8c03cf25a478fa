package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.EventDetails;
import dev.deepfakeguard.keycloak.contract.EventErrors;
import org.keycloak.events.Errors;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides what a Keycloak event means for the lockout, from the event alone plus the decision of the
 * authentication (or user) session it belongs to. Everything else is ignored.
 */
final class EventClassifier {

    /** Failures of the check itself: each failed attempt emits exactly one of these. */
    private static final Set<String> LIVENESS_FAILURES = Set.of(EventErrors.LIVENESS_FAILED,
            EventErrors.DEEPFAKE_SUSPECTED, EventErrors.LIVENESS_ATTEMPTS_EXHAUSTED,
            EventErrors.LIVENESS_CHALLENGE_INVALID, EventErrors.LIVENESS_SUBMISSION_INVALID,
            // Failed and reported helpdesk verifications count like failed checks (docs/helpdesk.md).
            EventErrors.HELPDESK_CODE_WRONG, EventErrors.HELPDESK_REPORTED);
    /** Keycloak's error for a wrong OTP, WebAuthn assertion or password. */
    private static final Set<String> SECOND_FACTOR_FAILURES = Set.of(Errors.INVALID_USER_CREDENTIALS);

    private EventClassifier() {
    }

    /**
     * @param sessionDecision the {@code dfg.decision} note of the event's authentication session (error events) or
     *                        user session (LOGIN); asked only when needed
     */
    static Optional<Signal> classify(Event event, LockoutConfig config, Supplier<Optional<Decision>> sessionDecision) {
        EventType type = event.getType();
        if (type == null) {
            return Optional.empty();
        }
        String error = event.getError();
        if (error != null && type.name().endsWith("_ERROR")) {
            if (LIVENESS_FAILURES.contains(error)
                    || (config.countScorerUnavailable() && EventErrors.LIVENESS_SCORER_UNAVAILABLE.equals(error))) {
                return Optional.of(Signal.failure(error));
            }
            if (config.countStepUpFailures() && SECOND_FACTOR_FAILURES.contains(error)
                    && sessionDecision.get().filter(Decision.STEP_UP::equals).isPresent()) {
                return Optional.of(Signal.failure("step_up_failed"));
            }
            return Optional.empty();
        }
        if (type == EventType.LOGIN && error == null && config.successResets()) {
            String detail = event.getDetails() == null ? null : event.getDetails().get(EventDetails.DECISION);
            Optional<Decision> decision = detail != null ? Optional.of(Decision.fromValue(detail)) : sessionDecision.get();
            if (decision.filter(d -> d != Decision.DENY).isPresent()) {
                return Optional.of(Signal.success());
            }
        }
        return Optional.empty();
    }

    /** An error of ours that this listener does not count on purpose (so no "unknown" log line for it). */
    static boolean isOwnUncounted(String error) {
        return EventErrors.LIVENESS_LOCKED.equals(error) || EventErrors.LIVENESS_CONFIG_INVALID.equals(error)
                || EventErrors.LIVENESS_SCORER_UNAVAILABLE.equals(error)
                || EventErrors.LIVENESS_COUNT_DELAYED.equals(error);
    }

    /** Looks like one of Deepfake Guard's errors but is none of the known ones: worth a log line. */
    static boolean looksOwn(String error) {
        return error != null && (error.startsWith("liveness_") || error.startsWith("deepfake_"))
                && !LIVENESS_FAILURES.contains(error) && !isOwnUncounted(error);
    }
}
