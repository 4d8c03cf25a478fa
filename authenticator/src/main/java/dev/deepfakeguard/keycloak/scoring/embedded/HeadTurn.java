package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.challenge.HeadPose;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Did the head follow the prompts, in time? The server's script asks for one turn to the left and one to the right,
 * each over three steps, at random positions. For every prompt:
 *
 * <ul>
 *   <li>the frame taken just before the prompt showed must not already be turned that way ({@code head_turn_early}:
 *       a recording made for a guess, or someone who knows the script, turns before it is asked);</li>
 *   <li>no frame of the prompt may be turned the other way ({@code head_turn_wrong_way});</li>
 *   <li>one of the prompt's frames after the first (taken about 0.9 s and 1.4 s after the prompt showed; the first,
 *       at 0.4 s, is reaction time) must be turned that way by at least {@link #TURNED} ({@code head_turn_missing}).</li>
 * </ul>
 *
 * <p>Yaw is measured relative to the person's own straight-ahead: the median of the frames in which the page asked to
 * look at the screen and had not just asked for a turn. A photo, a mask held still, or a video that does not know the
 * order and timing of the prompts fails at least one of the rules.
 */
final class HeadTurn {

    /** Relative yaw ({@link Face#yaw}) from which the head counts as turned: about 15° on a real face. */
    static final double TURNED = 0.12;
    /** Relative yaw in the prompted direction that the frame before the prompt must stay below: about 10°. */
    static final double EARLY = 0.08;

    private HeadTurn() {
    }

    /**
     * @param yaws  yaw of the one face in each frame
     * @param poses what the page asked for in each step
     * @return the failures, or {@code head_turn_followed}; empty when the script asked for no turn at all
     */
    static List<String> assess(double[] yaws, List<HeadPose> poses) {
        if (yaws.length != poses.size()) {
            throw new IllegalArgumentException("one yaw per step needed");
        }
        if (poses.stream().noneMatch(HeadPose::isTurn)) {
            return List.of();
        }
        double straight = straightAhead(yaws, poses);
        Set<String> failures = new LinkedHashSet<>();
        int step = 0;
        while (step < poses.size()) {
            HeadPose pose = poses.get(step);
            int end = step;
            while (end < poses.size() && poses.get(end) == pose) {
                end++;
            }
            if (pose.isTurn()) {
                assessPrompt(yaws, straight, pose.direction(), step, end, failures);
            }
            step = end;
        }
        return failures.isEmpty() ? List.of(ReasonCodes.HEAD_TURN_FOLLOWED) : List.copyOf(failures);
    }

    private static void assessPrompt(double[] yaws, double straight, int direction, int start, int end,
                                     Set<String> failures) {
        if (start > 0 && direction * (yaws[start - 1] - straight) >= EARLY) {
            failures.add(ReasonCodes.HEAD_TURN_EARLY);
        }
        double furthest = Double.NEGATIVE_INFINITY;
        for (int i = start; i < end; i++) {
            double turned = direction * (yaws[i] - straight);
            if (turned <= -TURNED) {
                failures.add(ReasonCodes.HEAD_TURN_WRONG_WAY);
            }
            if (i > start) {
                furthest = Math.max(furthest, turned);
            }
        }
        if (end - start < 2 ? direction * (yaws[start] - straight) < TURNED : furthest < TURNED) {
            failures.add(ReasonCodes.HEAD_TURN_MISSING);
        }
    }

    /** Median yaw of the settled front steps (front, and the step before was front too or there was none). */
    static double straightAhead(double[] yaws, List<HeadPose> poses) {
        double[] settled = new double[yaws.length];
        int count = 0;
        for (int i = 0; i < yaws.length; i++) {
            if (poses.get(i) == HeadPose.FRONT && (i == 0 || poses.get(i - 1) == HeadPose.FRONT)) {
                settled[count++] = yaws[i];
            }
        }
        if (count == 0) {
            return 0;
        }
        double[] sorted = Arrays.copyOf(settled, count);
        Arrays.sort(sorted);
        return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
    }
}
