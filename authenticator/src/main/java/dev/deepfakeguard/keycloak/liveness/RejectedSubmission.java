package dev.deepfakeguard.keycloak.liveness;

/**
 * A submission refused before scoring. Carries the reason code for events and logs; the person only ever sees the
 * generic message of its {@link Kind}.
 */
final class RejectedSubmission extends Exception {

    enum Kind {
        /** The challenge binding failed: missing, mismatched, expired, replayed. */
        CHALLENGE,
        /** The media part was malformed or over a cap. */
        SUBMISSION
    }

    private final Kind kind;
    private final String reasonCode;

    RejectedSubmission(Kind kind, String reasonCode, String logMessage) {
        super(logMessage, null, false, false);
        this.kind = kind;
        this.reasonCode = reasonCode;
    }

    Kind kind() {
        return kind;
    }

    String reasonCode() {
        return reasonCode;
    }
}
