package dev.deepfakeguard.keycloak.challenge;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Creates challenges: 192-bit nonce, random colour script with no colour held twice in a row. */
public final class ChallengeIssuer {

    /** Saturated but not maximal colours: strong chroma differences, gentler on the eyes than pure primaries. */
    static final List<ScreenColour> PALETTE = List.of(
            new ScreenColour(255, 72, 72),
            new ScreenColour(72, 230, 72),
            new ScreenColour(72, 96, 255),
            new ScreenColour(255, 230, 72),
            new ScreenColour(72, 230, 230),
            new ScreenColour(230, 72, 230));

    public static final int STEPS = 8;
    public static final int STEP_MILLIS = 600;
    private static final int MIN_DISTINCT = 4;

    private final SecureRandom random;
    private final Clock clock;

    public ChallengeIssuer(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    public Challenge issue(Duration timeToLive) {
        long now = clock.millis();
        return new Challenge(randomToken(16), randomToken(24), randomScript(), STEP_MILLIS, now,
                now + timeToLive.toMillis());
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
