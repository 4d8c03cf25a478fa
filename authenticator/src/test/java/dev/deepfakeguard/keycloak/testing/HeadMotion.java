package dev.deepfakeguard.keycloak.testing;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.challenge.HeadPose;

/**
 * How a head answers the turn prompts over time: it reacts {@code reactionMillis} after a prompt shows (negative:
 * before it shows) and turns to {@code degrees} in the prompted direction times {@code direction} (1 as asked, −1 the
 * other way, 0 not at all), taking {@value #TURN_MILLIS} ms for the movement.
 */
public record HeadMotion(int reactionMillis, double degrees, int direction) {

    static final int TURN_MILLIS = 250;
    private static final int RAMP_SAMPLES = 10;

    /** A person who reads the prompt and turns about 28°, starting 0.38 s after it shows. */
    public static HeadMotion following() {
        return new HeadMotion(380, 28, 1);
    }

    /** A photo, a mask or a video that does not react to the prompts. */
    public static HeadMotion still() {
        return new HeadMotion(380, 0, 0);
    }

    /** Turns as far as a person would, the other way. */
    public static HeadMotion wrongWay() {
        return new HeadMotion(380, 28, -1);
    }

    /** Turns the right way, but 0.45 s before the prompt shows: a recording that guessed, or a script. */
    public static HeadMotion early() {
        return new HeadMotion(-450, 28, 1);
    }

    /** Yaw in degrees at {@code millis} after the first step began. */
    public double yawAt(Challenge challenge, long millis) {
        // A moving average of the prompted target over the movement's duration is a linear ramp between targets.
        double sum = 0;
        for (int k = 0; k < RAMP_SAMPLES; k++) {
            sum += target(challenge, millis - reactionMillis - (long) k * TURN_MILLIS / (RAMP_SAMPLES - 1));
        }
        return sum / RAMP_SAMPLES;
    }

    private double target(Challenge challenge, long promptMillis) {
        if (promptMillis < 0) {
            return 0;
        }
        int step = (int) Math.min(challenge.steps() - 1, promptMillis / challenge.stepMillis());
        HeadPose pose = challenge.poses().get(step);
        return pose.direction() * degrees * direction;
    }
}
