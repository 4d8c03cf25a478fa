package dev.deepfakeguard.keycloak.contract;

/**
 * Event details of the lockout listener's own events (a lock, an unlock), next to the {@link EventDetails} of the
 * check that caused them. Error {@link EventErrors#LIVENESS_LOCKED}.
 */
public final class LockoutEventDetails {

    /** {@code locked}, {@code unlocked}, {@code counted_late} or {@code count_lost}. */
    public static final String ACTION = "dfg_lock_action";
    /** {@code user} or {@code source}. */
    public static final String SUBJECT_KIND = "dfg_lock_subject";
    /** {@code temporary} or {@code permanent}. */
    public static final String LEVEL = "dfg_lock_level";
    /** Epoch seconds the lock ends; absent for a permanent lock. */
    public static final String UNTIL = "dfg_lock_until";
    /** Failures counted when the lock was set. */
    public static final String FAILURES = "dfg_lock_failures";
    /** Why: {@code consecutive_failures}, {@code source_failures}, {@code repeated_locks}. */
    public static final String REASON = "dfg_lock_reason";
    /** How long a failure waited for the database before it was counted, in milliseconds. */
    public static final String DELAY_MILLIS = "dfg_lock_delay_ms";

    public static final String ACTION_LOCKED = "locked";
    public static final String ACTION_UNLOCKED = "unlocked";
    public static final String ACTION_COUNTED_LATE = "counted_late";
    public static final String ACTION_COUNT_LOST = "count_lost";

    /** User attribute with the stated reason of a permanent lock (the user is disabled while it is set). */
    public static final String DISABLED_REASON_ATTRIBUTE = "deepfake-guard.disabled-reason";

    private LockoutEventDetails() {
    }
}
