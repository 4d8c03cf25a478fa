package dev.deepfakeguard.keycloak.contract;

import java.util.regex.Pattern;

/**
 * Stable reason codes carried by decisions, events and audit records. Scorers may add their own codes as long as
 * they are lower-snake strings of at most {@value #MAX_LENGTH} characters.
 */
public final class ReasonCodes {

    public static final int MAX_LENGTH = 48;

    public static final String LIVE_REFLECTION = "live_reflection";
    public static final String REFLECTION_MISMATCH = "reflection_mismatch";
    public static final String NO_REFLECTION = "no_reflection";
    public static final String REPLAYED_MEDIA = "replayed_media";
    /** A frame shows no face. */
    public static final String NO_FACE = "no_face";
    /** A frame shows more than one face. */
    public static final String MULTIPLE_FACES = "multiple_faces";
    /** The face is outside the guide oval. */
    public static final String FACE_NOT_CENTRED = "face_not_centred";
    /** The face is too small (too far from the camera) to measure. */
    public static final String FACE_TOO_SMALL = "face_too_small";
    /** The face fills so much of the frame that no background is left to compare the light with. */
    public static final String FACE_TOO_CLOSE = "face_too_close";
    /** Every head-turn prompt was followed, in time and in the right direction. */
    public static final String HEAD_TURN_FOLLOWED = "head_turn_followed";
    /** A prompted head turn did not happen (or too little). */
    public static final String HEAD_TURN_MISSING = "head_turn_missing";
    /** The head turned the other way than the prompt asked. */
    public static final String HEAD_TURN_WRONG_WAY = "head_turn_wrong_way";
    /** The head was already turned before the prompt showed: a recording, not a reaction. */
    public static final String HEAD_TURN_EARLY = "head_turn_early";
    /** The screen's colour changed the background as much as the face: a tint over the picture, not light. */
    public static final String UNIFORM_TINT = "uniform_tint";
    public static final String VIRTUAL_CAMERA = "virtual_camera";
    public static final String REGULAR_FRAME_TIMING = "regular_frame_timing";
    public static final String NO_SENSOR_NOISE = "no_sensor_noise";
    public static final String TIMING_IMPLAUSIBLE = "timing_implausible";
    public static final String SYNTHETIC_MEDIA = "synthetic_media";
    public static final String LOW_LIVENESS = "low_liveness";
    public static final String GREY_ZONE = "grey_zone";
    public static final String UNDECODABLE_MEDIA = "undecodable_media";
    public static final String SCORER_UNAVAILABLE = "scorer_unavailable";
    public static final String CAMERA_UNAVAILABLE = "camera_unavailable";
    public static final String CHALLENGE_EXPIRED = "challenge_expired";
    public static final String CHALLENGE_MISMATCH = "challenge_mismatch";
    public static final String CHALLENGE_MISSING = "challenge_missing";
    public static final String NONCE_REPLAYED = "nonce_replayed";
    public static final String SUBMISSION_TOO_LARGE = "submission_too_large";
    public static final String SUBMISSION_MALFORMED = "submission_malformed";
    /** A frame is a JPEG but not a single-scan baseline one (progressive, arithmetic, lossless, 12-bit, …). */
    public static final String FRAME_NOT_BASELINE = "frame_not_baseline";
    /** A frame is not of the server's fixed frame size. */
    public static final String FRAME_SIZE_MISMATCH = "frame_size_mismatch";
    public static final String ACCOUNT_LOCKED = "account_locked";
    /**
     * A step-up was due but no later step of the flow asks this user, because of this decision, for a second factor
     * they hold or are refused at with guidance; the step-up is denied instead.
     */
    public static final String STEP_UP_UNAVAILABLE = "step_up_unavailable";
    /** "Require a second factor": the user holds no credential that the following steps ask for. */
    public static final String SECOND_FACTOR_MISSING = "second_factor_missing";
    /** "Require a second factor": no step after it asks for a second factor at all (a flow configuration error). */
    public static final String SECOND_FACTOR_NOT_IN_FLOW = "second_factor_not_in_flow";
    /** The liveness step is ALTERNATIVE, so a sibling branch could skip it; it refuses until made REQUIRED. */
    public static final String LIVENESS_NOT_REQUIRED = "liveness_not_required";
    /** The live face matches the account's face reference. */
    public static final String FACE_MATCHED = "face_matched";
    /** The live face is not the face of the account's face reference (or no face could be compared with it). */
    public static final String FACE_MISMATCH = "face_mismatch";
    /** The match is between the step-up and the allow threshold. */
    public static final String FACE_MATCH_UNCERTAIN = "face_match_uncertain";
    /** The account has no usable face reference: none, damaged, or made by another model than the one loaded. */
    public static final String NO_FACE_REFERENCE = "no_face_reference";
    /** The account has a face reference but matching cannot run (no or broken model); the fallback decides. */
    public static final String FACE_MATCH_UNAVAILABLE = "face_match_unavailable";
    /** The risk condition's configuration is broken; it treats every sign-in as risky until fixed. */
    public static final String RISK_CONDITION_CONFIG_INVALID = "risk_condition_config_invalid";

    private static final Pattern LOWER_SNAKE = Pattern.compile("[a-z][a-z0-9_]{0," + (MAX_LENGTH - 1) + "}");

    private ReasonCodes() {
    }

    public static boolean isValid(String code) {
        return code != null && LOWER_SNAKE.matcher(code).matches();
    }
}
