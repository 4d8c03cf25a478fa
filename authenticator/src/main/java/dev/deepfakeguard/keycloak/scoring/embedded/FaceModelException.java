package dev.deepfakeguard.keycloak.scoring.embedded;

/**
 * The face model cannot be used: missing or corrupt file, native runtime not loadable, or inference failed. Carries a
 * reason code for events; the message is for the server log only.
 */
final class FaceModelException extends Exception {

    /** The model or its runtime could not be loaded at start-up. */
    static final String UNAVAILABLE = "face_model_unavailable";
    /** The model was loaded but an inference failed. */
    static final String FAILED = "face_detection_failed";

    private final String reasonCode;

    FaceModelException(String reasonCode, String message, Throwable cause) {
        super(message, cause);
        this.reasonCode = reasonCode;
    }

    String reasonCode() {
        return reasonCode;
    }
}
