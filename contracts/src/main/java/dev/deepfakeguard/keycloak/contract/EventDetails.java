package dev.deepfakeguard.keycloak.contract;

/**
 * Keys of the Keycloak event details that Deepfake Guard writes. Every key starts with {@code dfg_}; scores are
 * integers in basis points (0–10000) so that no floating point ever reaches an event or an audit record.
 */
public final class EventDetails {

    /** {@link Decision#value()} of the check. */
    public static final String DECISION = "dfg_decision";
    /** Liveness score in basis points, higher = more likely a live, genuine person. */
    public static final String LIVENESS_SCORE = "dfg_liveness_score";
    /** Synthetic-media score in basis points, higher = more likely manipulated. */
    public static final String SYNTHETIC_SCORE = "dfg_synthetic_score";
    /** Provider id of the scorer that produced the scores. */
    public static final String SCORER = "dfg_scorer";
    public static final String MODEL_VERSION = "dfg_model_version";
    public static final String CHALLENGE_ID = "dfg_challenge_id";
    /** Comma-separated {@link ReasonCodes}. */
    public static final String REASONS = "dfg_reasons";
    /** {@link FlowKind#value()} whose policy was applied. */
    public static final String FLOW = "dfg_flow";
    /** 1-based number of the attempt within the authentication session. */
    public static final String ATTEMPT = "dfg_attempt";
    /** Thresholds applied, {@code allow/step_up/synthetic_deny} in basis points. */
    public static final String THRESHOLDS = "dfg_thresholds";
    /** Face match outcome (as the {@code dfg.face.match} session note) of a check, where matching ran. */
    public static final String FACE_MATCH = "dfg_face_match";
    /** Cosine similarity of the live face and the face reference, basis points; only when compared. */
    public static final String FACE_MATCH_SCORE = "dfg_face_match_score";

    private EventDetails() {
    }
}
