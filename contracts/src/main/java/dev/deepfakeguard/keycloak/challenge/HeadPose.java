package dev.deepfakeguard.keycloak.challenge;

import java.util.Arrays;

/**
 * What the page asks the person to do with their head during one step. Left and right are the person's own: turning
 * to their left moves the nose towards larger x in the camera's (unmirrored) frame.
 */
public enum HeadPose {
    /** Look straight at the screen. */
    FRONT('f', "front", 0),
    /** Turn the head to the person's own left. */
    LEFT('l', "left", 1),
    /** Turn the head to the person's own right. */
    RIGHT('r', "right", -1);

    private final char code;
    private final String value;
    private final int direction;

    HeadPose(char code, String value, int direction) {
        this.code = code;
        this.value = value;
        this.direction = direction;
    }

    /** One letter in the session note. */
    public char code() {
        return code;
    }

    /** The word the page and the scorer API use. */
    public String value() {
        return value;
    }

    /** Sign of the expected change of yaw in frame coordinates: +1 left, −1 right, 0 front. */
    public int direction() {
        return direction;
    }

    public boolean isTurn() {
        return this != FRONT;
    }

    public static HeadPose fromCode(char code) {
        return Arrays.stream(values()).filter(pose -> pose.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown head pose"));
    }
}
