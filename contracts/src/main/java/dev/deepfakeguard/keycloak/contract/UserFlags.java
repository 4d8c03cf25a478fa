package dev.deepfakeguard.keycloak.contract;

import org.keycloak.models.UserModel;

/** User attributes that admins or provisioning scripts set to change how Deepfake Guard treats an account. */
public final class UserFlags {

    /** {@code true}: every sign-in of this account must pass liveness and a second factor, whatever the score. */
    public static final String FORCE_STEP_UP = "deepfake-guard.force-step-up";

    /** Epoch seconds of the last password reset through a Deepfake Guard reset flow. */
    public static final String PASSWORD_RESET_AT = "deepfake-guard.password-reset-at";

    private UserFlags() {
    }

    public static boolean isStepUpForced(UserModel user) {
        return "true".equalsIgnoreCase(user.getFirstAttribute(FORCE_STEP_UP));
    }
}
