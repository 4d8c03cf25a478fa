package dev.deepfakeguard.keycloak.contract;

/** Message keys of the theme that the server sets; user-safe, never revealing why in detail. */
public final class Messages {

    public static final String LIVENESS_FAILED = "dfgLivenessFailed";
    public static final String CHALLENGE_INVALID = "dfgChallengeInvalid";
    public static final String SUBMISSION_INVALID = "dfgSubmissionInvalid";
    public static final String ATTEMPTS_EXHAUSTED = "dfgAttemptsExhausted";
    /** Deliberately the same for every kind of lock and for a broken configuration: no enumeration, no hints. */
    public static final String LOCKED = "dfgLocked";
    public static final String CONSENT_REQUIRED = "dfgConsentRequired";
    public static final String SCORER_UNAVAILABLE = "dfgScorerUnavailable";

    /** What to change after a check that found no face, a second face, or a head that did not turn as asked. */
    public static final String NO_FACE = "dfgNoFace";
    public static final String MULTIPLE_FACES = "dfgMultipleFaces";
    public static final String FACE_NOT_CENTRED = "dfgFaceNotCentred";
    public static final String FACE_TOO_SMALL = "dfgFaceTooSmall";
    public static final String FACE_TOO_CLOSE = "dfgFaceTooClose";
    public static final String HEAD_TURN = "dfgHeadTurn";

    public static final String SECOND_FACTOR_MISSING = "dfgSecondFactorMissing";

    private Messages() {
    }
}
