package dev.deepfakeguard.keycloak.contract;

/**
 * Keys of the notes Deepfake Guard keeps, so that conditions, protocol mappers and listeners read the same thing.
 */
public final class SessionNotes {

    /** Authentication session: {@link Decision#value()} of the latest liveness check in this session. */
    public static final String AUTH_DECISION = "dfg.decision";
    /** Authentication session: {@code true} when the decision came from the scorer-unavailable fallback. */
    public static final String AUTH_FALLBACK = "dfg.fallback";
    /** Authentication session: comma-separated reason codes of the latest decision. */
    public static final String AUTH_REASONS = "dfg.reasons";
    /** Authentication session: number of liveness attempts used. */
    public static final String AUTH_ATTEMPTS = "dfg.attempts";
    /** Authentication session: the {@code dfg_} event details of the decision, for the event that ends the sign-in. */
    public static final String AUTH_EVENT_DETAILS = "dfg.event.details";
    /** Authentication session: the open challenge, single use. */
    public static final String AUTH_CHALLENGE = "dfg.challenge";

    /** User session (and authentication session): epoch seconds of the last passed liveness check. */
    public static final String LIVENESS_PASSED_AT = "dfg.liveness.passed_at";
    /**
     * Auth note: the face match of this sign-in's liveness check, one of {@code matched}, {@code uncertain},
     * {@code mismatch}, {@code no_reference}, {@code unavailable}; absent when matching is switched off.
     */
    public static final String FACE_MATCH = "dfg.face.match";
    /** Auth note: the similarity (basis points) behind {@link #FACE_MATCH}, where the matcher computed one. */
    public static final String FACE_MATCH_SCORE = "dfg.face.match_score";

    /** The {@code amr} value (RFC 8176 style) that marks a passed liveness check. */
    public static final String AMR_LIVENESS = "liveness";

    private SessionNotes() {
    }
}
