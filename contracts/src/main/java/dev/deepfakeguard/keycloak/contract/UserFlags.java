package dev.deepfakeguard.keycloak.contract;

import org.keycloak.models.UserModel;

/** User attributes that admins or provisioning scripts set to change how Deepfake Guard treats an account. */
public final class UserFlags {

    /** {@code true}: every sign-in of this account must pass liveness and a second factor, whatever the score. */
    public static final String FORCE_STEP_UP = "deepfake-guard.force-step-up";
    /**
     * The account's face reference at a vendor (e.g. an AWS Rekognition {@code FaceId}), set by the operator's
     * enrolment with that vendor; sent to the http scorer as {@code faceReference.vendorFaceId}.
     */
    public static final String VENDOR_FACE_ID = "deepfake-guard.vendor-face-id";

    /** Epoch seconds of the last password reset through a Deepfake Guard reset flow. */
    public static final String PASSWORD_RESET_AT = "deepfake-guard.password-reset-at";

    private UserFlags() {
    }

    public static boolean isStepUpForced(UserModel user) {
        return "true".equalsIgnoreCase(user.getFirstAttribute(FORCE_STEP_UP));
    }
}
