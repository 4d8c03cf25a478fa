package dev.deepfakeguard.keycloak.contract;

/** Names of the form fields the liveness page posts; see {@code docs/liveness-page-protocol.md}. */
public final class LivenessForm {

    public static final String ACTION = "dfg_action";
    public static final String ACTION_SUBMIT = "submit";
    public static final String ACTION_NO_CAMERA = "no_camera";
    public static final String CONSENT = "dfg_consent";
    public static final String CONSENT_GIVEN = "yes";
    public static final String CHALLENGE_ID = "dfg_challenge_id";
    public static final String NONCE = "dfg_nonce";
    /** Followed by the 0-based step index: {@code dfg_frame_0}, {@code dfg_frame_1}, … */
    public static final String FRAME_PREFIX = "dfg_frame_";
    public static final String FRAME_TIMES = "dfg_frame_times";
    public static final String DEVICE_LABEL = "dfg_device_label";

    /** Template the liveness authenticator renders. */
    public static final String TEMPLATE = "deepfake-guard-liveness.ftl";
    /** Name of the page bean in the template. */
    public static final String PAGE_BEAN = "dfg";

    private LivenessForm() {
    }

    public static String frameField(int index) {
        return FRAME_PREFIX + index;
    }
}
