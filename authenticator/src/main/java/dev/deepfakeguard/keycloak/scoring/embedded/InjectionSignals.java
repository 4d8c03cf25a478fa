package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Evidence that the frames did not come from a physical camera in front of a person: a virtual camera's device
 * label, timing no browser and sensor produce, or pixels without sensor noise. Each finding carries the synthetic
 * score it alone would justify; {@link SyntheticScore} combines them.
 */
final class InjectionSignals {

    /** A finding and the synthetic score (basis points) it justifies on its own. */
    record Finding(String reasonCode, int syntheticBasisPoints) {
    }

    /**
     * Names virtual-camera drivers put in their device labels. Matched as whole words (not inside other letters) so
     * that ordinary labels such as "Jobs' webcam" or "Probe HD" are not taken for OBS.
     */
    private static final Pattern VIRTUAL_CAMERA = Pattern.compile(
            "(?i)(?<![a-z])(fake|virtual|obs|manycam|v4l2loopback|snap camera|xsplit|camtwist|vcam|dummy)(?![a-z])");

    /** Browser timers and real sensors jitter by several ms; a scripted injector is exact to the millisecond. */
    static final double MIN_INTERVAL_JITTER_MILLIS = 1.0;
    /** Frames may arrive this late after their step (camera latency, a busy main thread). */
    static final long LATE_TOLERANCE_MILLIS = 150;
    /** Below this noise floor (8-bit levels) the frames look rendered, not sensed: rendered frames measure about 0.2
     * (JPEG ringing at edges), noisy camera frames after JPEG 0.8 about 0.7. */
    static final double MIN_SENSOR_NOISE = 0.4;

    static final int VIRTUAL_CAMERA_SCORE = 9_000;
    static final int TIMING_IMPLAUSIBLE_SCORE = 6_000;
    static final int NO_SENSOR_NOISE_SCORE = 6_000;
    /** Lowest: a very steady browser could produce it, so alone it only holds liveness below the login threshold. */
    static final int REGULAR_FRAME_TIMING_SCORE = 4_500;

    private InjectionSignals() {
    }

    static List<Finding> assess(String deviceLabel, Challenge challenge, long[] capturedAtMillis,
                                List<FrameStats> frames, long elapsedMillis) {
        List<Finding> findings = new ArrayList<>(4);
        if (VIRTUAL_CAMERA.matcher(deviceLabel).find()) {
            findings.add(new Finding(ReasonCodes.VIRTUAL_CAMERA, VIRTUAL_CAMERA_SCORE));
        }
        if (intervalJitter(capturedAtMillis) < MIN_INTERVAL_JITTER_MILLIS) {
            findings.add(new Finding(ReasonCodes.REGULAR_FRAME_TIMING, REGULAR_FRAME_TIMING_SCORE));
        }
        if (elapsedMillis < challenge.scriptMillis() || !withinSteps(capturedAtMillis, challenge.stepMillis())) {
            findings.add(new Finding(ReasonCodes.TIMING_IMPLAUSIBLE, TIMING_IMPLAUSIBLE_SCORE));
        }
        if (medianNoise(frames) < MIN_SENSOR_NOISE) {
            findings.add(new Finding(ReasonCodes.NO_SENSOR_NOISE, NO_SENSOR_NOISE_SCORE));
        }
        return findings;
    }

    /** Standard deviation of the intervals between consecutive captures. */
    static double intervalJitter(long[] times) {
        int intervals = times.length - 1;
        if (intervals < 2) {
            return Double.POSITIVE_INFINITY;
        }
        double mean = (double) (times[intervals] - times[0]) / intervals;
        double squares = 0;
        for (int i = 1; i < times.length; i++) {
            double deviation = times[i] - times[i - 1] - mean;
            squares += deviation * deviation;
        }
        return Math.sqrt(squares / intervals);
    }

    /**
     * Frame i must be taken in the second half of step i (the page captures near the end of the step, once the
     * face has had time to take on the colour), or shortly after it.
     */
    private static boolean withinSteps(long[] times, int stepMillis) {
        for (int i = 0; i < times.length; i++) {
            long earliest = (long) i * stepMillis + stepMillis / 2;
            long latest = (long) (i + 1) * stepMillis + LATE_TOLERANCE_MILLIS;
            if (times[i] < earliest || times[i] > latest) {
                return false;
            }
        }
        return true;
    }

    /** Median rather than mean: one dark or blurred frame must not decide. */
    private static double medianNoise(List<FrameStats> frames) {
        double[] noise = frames.stream().mapToDouble(FrameStats::noise).sorted().toArray();
        int middle = noise.length / 2;
        return noise.length % 2 == 1 ? noise[middle] : (noise[middle - 1] + noise[middle]) / 2;
    }
}
