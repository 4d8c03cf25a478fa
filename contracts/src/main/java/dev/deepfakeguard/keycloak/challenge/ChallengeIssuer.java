package dev.deepfakeguard.keycloak.challenge;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Creates challenges: 192-bit nonce, a random colour script with no colour held twice in a row, and two head-turn
 * prompts (one left, one right, in random order) placed at random steps.
 *
 * <p>Layout of the {@value #STEPS} steps: {@code lead} front steps (1–2), the first turn ({@value #TURN_STEPS} steps),
 * {@code gap} front steps (2–3, time to look back at the screen), the second turn, and whatever is left as front
 * steps at the end. A turn lasts {@value #TURN_STEPS} × {@value #STEP_MILLIS} ms: enough for a person to read the
 * prompt and turn, too short for a recording to wait and see. At least one front step precedes every turn, so a
 * head that turns before its prompt shows is caught.
 */
public final class ChallengeIssuer {

    /** Saturated but not maximal colours: strong chroma differences, gentler on the eyes than pure primaries. */
    static final List<ScreenColour> PALETTE = List.of(
            new ScreenColour(255, 72, 72),
            new ScreenColour(72, 230, 72),
            new ScreenColour(72, 96, 255),
            new ScreenColour(255, 230, 72),
            new ScreenColour(72, 230, 230),
            new ScreenColour(230, 72, 230));

    /** 11 steps of 500 ms: the script plays in 5.5 s, the whole check with camera start-up in about 7 s. */
    public static final int STEPS = 11;
    /** Two colour changes per second, faded: within WCAG 2.3.1 (at most three flashes per second). */
    public static final int STEP_MILLIS = 500;
    public static final int TURN_STEPS = 3;
    private static final int MIN_DISTINCT = 4;

    private final SecureRandom random;
    private final Clock clock;

    public ChallengeIssuer(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    public Challenge issue(Duration timeToLive) {
        long now = clock.millis();
        return new Challenge(randomToken(16), randomToken(24), randomScript(), randomPoses(), STEP_MILLIS, now,
                now + timeToLive.toMillis());
    }

    private List<HeadPose> randomPoses() {
        HeadPose first = random.nextBoolean() ? HeadPose.LEFT : HeadPose.RIGHT;
        HeadPose second = first == HeadPose.LEFT ? HeadPose.RIGHT : HeadPose.LEFT;
        int lead = 1 + random.nextInt(2);
        int gap = 2 + random.nextInt(2);
        List<HeadPose> poses = new ArrayList<>(STEPS);
        poses.addAll(Collections.nCopies(lead, HeadPose.FRONT));
        poses.addAll(Collections.nCopies(TURN_STEPS, first));
        poses.addAll(Collections.nCopies(gap, HeadPose.FRONT));
        poses.addAll(Collections.nCopies(TURN_STEPS, second));
        poses.addAll(Collections.nCopies(STEPS - poses.size(), HeadPose.FRONT));
        return poses;
    }

    private List<ScreenColour> randomScript() {
        while (true) {
            List<ScreenColour> script = new ArrayList<>(STEPS);
            ScreenColour previous = null;
            while (script.size() < STEPS) {
                ScreenColour next = PALETTE.get(random.nextInt(PALETTE.size()));
                if (!next.equals(previous)) {
                    script.add(next);
                    previous = next;
                }
            }
            // Enough distinct colours that every channel moves: a flat script would prove nothing.
            if (script.stream().distinct().count() >= MIN_DISTINCT) {
                return script;
            }
        }
    }

    private String randomToken(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
