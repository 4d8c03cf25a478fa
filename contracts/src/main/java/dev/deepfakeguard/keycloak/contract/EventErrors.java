package dev.deepfakeguard.keycloak.contract;

/**
 * Error strings of the Keycloak events Deepfake Guard emits. Extensions cannot add event types, so failures use
 * Keycloak's own types ({@code LOGIN_ERROR}, {@code RESET_PASSWORD_ERROR}, …) with one of these errors.
 */
public final class EventErrors {

    /** Liveness not shown: low score, reflection mismatch, camera unavailable with a deny fallback. */
    public static final String LIVENESS_FAILED = "liveness_failed";
    /** Replayed, injected or synthetic media. */
    public static final String DEEPFAKE_SUSPECTED = "deepfake_suspected";
    /** The account or source is locked by the lockout listener. */
    public static final String LIVENESS_LOCKED = "liveness_locked";
    /** The submission did not match a live challenge: expired, replayed nonce, other session, malformed. */
    public static final String LIVENESS_CHALLENGE_INVALID = "liveness_challenge_invalid";
    /** The submission was malformed or over the size caps; nothing was decoded. */
    public static final String LIVENESS_SUBMISSION_INVALID = "liveness_submission_invalid";
    /** The authenticator configuration is broken; the step fails closed. */
    public static final String LIVENESS_CONFIG_INVALID = "liveness_config_invalid";
    /** The scorer failed and the configured fallback denied. */
    public static final String LIVENESS_SCORER_UNAVAILABLE = "liveness_scorer_unavailable";
    /**
     * The lockout listener could count a failure only late (it waited for the database) or not at all; details
     * {@code dfg_lock_action} = {@code counted_late} / {@code count_lost}. Not itself a failure.
     */
    public static final String LIVENESS_COUNT_DELAYED = "liveness_count_delayed";
    /** All attempts of the authentication session were used. */
    public static final String LIVENESS_ATTEMPTS_EXHAUSTED = "liveness_attempts_exhausted";

    /**
     * A helpdesk verification of the user failed on the agent's side: a wrong code read back (one event per wrong
     * code, no IP address, so the agent's office is never counted as the source).
     */
    public static final String HELPDESK_CODE_WRONG = "helpdesk_code_wrong";
    /** The user said "I did not ask for this" on a helpdesk link: someone is after the account. */
    public static final String HELPDESK_REPORTED = "helpdesk_reported";

    /** A step-up was due but the person has no second factor enrolled (and enrolment during step-up is off). */
    public static final String STEP_UP_FACTOR_MISSING = "step_up_factor_missing";

    private EventErrors() {
    }
}
