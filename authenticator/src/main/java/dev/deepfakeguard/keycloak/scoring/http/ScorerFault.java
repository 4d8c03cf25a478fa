package dev.deepfakeguard.keycloak.scoring.http;

/**
 * Why a call produced no verdict. Carries a stable reason code for events and a detail for the log only; the detail
 * never contains the API key or media.
 */
final class ScorerFault extends Exception {

    private static final long serialVersionUID = 1L;

    /** Marks "no HTTP status": the fault happened before or instead of an answer. */
    static final int NO_STATUS = -1;

    private final String reasonCode;
    private final int status;

    ScorerFault(String reasonCode, String detail) {
        this(reasonCode, detail, NO_STATUS);
    }

    ScorerFault(String reasonCode, String detail, int status) {
        // No stack trace: these are expected outcomes, logged as one line.
        super(detail, null, false, false);
        this.reasonCode = reasonCode;
        this.status = status;
    }

    /** The same fault, annotated with the status of the answer it was found in. */
    ScorerFault withStatus(int httpStatus) {
        return new ScorerFault(reasonCode, getMessage(), httpStatus);
    }

    String reasonCode() {
        return reasonCode;
    }

    int status() {
        return status;
    }
}
