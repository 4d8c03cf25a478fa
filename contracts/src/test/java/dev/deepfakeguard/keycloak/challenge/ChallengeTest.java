package dev.deepfakeguard.keycloak.challenge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChallengeTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
    private final ChallengeIssuer issuer = new ChallengeIssuer(new SecureRandom(), clock);

    @Test
    void issuesAtLeast128BitNoncesThatDoNotRepeat() {
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Challenge challenge = issuer.issue(Duration.ofMinutes(2));
            assertThat(Base64.getUrlDecoder().decode(challenge.nonce())).hasSizeGreaterThanOrEqualTo(16);
            nonces.add(challenge.nonce());
        }
        assertThat(nonces).hasSize(1000);
    }

    @Test
    void scriptsNeverHoldAColourTwiceInARowAndStayWithinWcag() {
        for (int i = 0; i < 200; i++) {
            Challenge challenge = issuer.issue(Duration.ofMinutes(2));
            assertThat(challenge.colours()).hasSize(ChallengeIssuer.STEPS);
            for (int step = 1; step < challenge.colours().size(); step++) {
                assertThat(challenge.colours().get(step)).isNotEqualTo(challenge.colours().get(step - 1));
            }
            // At most three changes per second (WCAG 2.3.1).
            assertThat(challenge.stepMillis()).isGreaterThanOrEqualTo(334);
            assertThat(challenge.colours().stream().distinct().count()).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void asksForOneTurnEachWayAtRandomPositionsWithAFrontStepBeforeEach() {
        Set<List<HeadPose>> layouts = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            List<HeadPose> poses = issuer.issue(Duration.ofMinutes(2)).poses();
            layouts.add(poses);
            assertThat(poses).hasSize(ChallengeIssuer.STEPS).contains(HeadPose.LEFT, HeadPose.RIGHT);
            assertThat(poses.get(0)).isEqualTo(HeadPose.FRONT);
            assertThat(poses.stream().filter(HeadPose::isTurn).count()).isEqualTo(2L * ChallengeIssuer.TURN_STEPS);
            for (int step = 1; step < poses.size(); step++) {
                // A turn never follows another directly: the head comes back to the screen in between.
                if (poses.get(step).isTurn() && poses.get(step - 1).isTurn()) {
                    assertThat(poses.get(step)).isEqualTo(poses.get(step - 1));
                }
            }
        }
        // Order and timing vary: both orders, several onsets.
        assertThat(layouts.size()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void playsWellUnderTenSeconds() {
        Challenge challenge = issuer.issue(Duration.ofMinutes(2));

        assertThat(challenge.scriptMillis()).isLessThanOrEqualTo(6_000);
    }

    @Test
    void survivesTheSessionNoteRoundTrip() {
        Challenge challenge = issuer.issue(Duration.ofSeconds(90));

        assertThat(Challenge.parse(challenge.serialize())).isEqualTo(challenge);
        assertThat(challenge.expiresAtMillis() - challenge.issuedAtMillis()).isEqualTo(90_000);
    }

    @Test
    void keepsTheNonceOutOfToString() {
        Challenge challenge = issuer.issue(Duration.ofSeconds(90));

        assertThat(challenge.toString()).doesNotContain(challenge.nonce());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a|b", "abcdefghijklmnop|short|#ffffff,#000000|ff|600|1|2",
            "abcdefghijklmnop|abcdefghijklmnopqrstuvwxyz|#ffffff,#000000|ff|100|1|2",
            "abcdefghijklmnop|abcdefghijklmnopqrstuvwxyz|#ffffff,#00000|ff|600|1|2",
            "abcdefghijklmnop|abcdefghijklmnopqrstuvwxyz|#ffffff,#000000|ff|600|5|2",
            "abcdefghijklmnop|abcdefghijklmnopqrstuvwxyz|#ffffff,#000000|f|600|1|2",
            "abcdefghijklmnop|abcdefghijklmnopqrstuvwxyz|#ffffff,#000000|fx|600|1|2",
            "abcdefghijklmnop|abcdefghijklmnopqrstuvwxyz|#ffffff,#000000|600|1|2"})
    void rejectsForgedNotes(String note) {
        assertThatThrownBy(() -> Challenge.parse(note)).isInstanceOf(IllegalArgumentException.class);
    }
}
