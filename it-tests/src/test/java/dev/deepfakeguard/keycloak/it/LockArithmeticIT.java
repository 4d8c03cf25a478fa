package dev.deepfakeguard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.ConcurrentPosts;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.LockoutApi;
import dev.deepfakeguard.keycloak.it.support.LockoutRealm;
import dev.deepfakeguard.keycloak.it.support.LoginDriver;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.NextStep;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.Poll;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.it.support.UserSafe;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * An attacker fires many failing submissions at once, so that some are scored and counted after the lock they
 * helped to set. Those must not shorten the way to the next lock once this one expires.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LockArithmeticIT {

    private static final int LOW_SCORE = 1200;
    private static final int MAX_FAILURES = 5;
    private static final int RACING_POSTS = 20;
    /** The shortest lock the configuration allows. */
    private static final int LOCK_SECONDS = 60;
    /** Lock expiry plus room for a loaded 2-core machine. */
    private static final Duration EXPIRY_BOUND = Duration.ofSeconds(LOCK_SECONDS + 90);
    private static final Duration COUNT_BOUND = Duration.ofSeconds(60);

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();

    LockArithmeticIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @AfterAll
    void stopScorer() {
        scorer.close();
    }

    @Test
    @DisplayName("Given 20 racing failures for one user and a lock at 5, when the lock expires, then the count starts "
            + "from zero: the next failure does not lock again, the fifth does")
    void failuresCountedDuringALockDoNotCountTowardTheNext() throws Exception {
        try (ManagedRealm realm = admin.createRealm(LockoutRealm.build("dfg-arith", scorer.url(),
                Map.of("maxFailures", MAX_FAILURES, "lockSeconds", LOCK_SECONDS, "sourceMaxFailures", 0)))) {
            LockoutApi api = new LockoutApi(admin, realm.name());
            String userId = admin.userByUsername(realm.name(), RealmBuilder.USERNAME).orElseThrow().path("id")
                    .asText();
            scorer.scores(LOW_SCORE, 300);

            List<Page> answers = ConcurrentPosts.postAllAtOnce(
                    ConcurrentPosts.openLiveness(server, realm.name(), RACING_POSTS), 8000);

            answers.forEach(UserSafe::assertUserSafe);
            long failed = answers.stream().filter(Page::isLivenessPage).count();
            Optional<Long> recorded = Poll.until(COUNT_BOUND, () -> {
                long count = api.user(userId).path("recordedFailures").asLong();
                return count >= failed ? Optional.of(count) : Optional.empty();
            });
            assertThat(recorded).as("every failed attempt counted").contains(failed);
            assertThat(failed).as("failures that raced past the lock (the story needs some)")
                    .isGreaterThan(MAX_FAILURES);
            assertThat(api.locks()).as("one lock for the whole race").hasSize(1);
            assertThat(api.user(userId).path("failures").asLong()).as("counting toward the next lock while locked")
                    .isZero();

            Optional<Boolean> expired = Poll.until(EXPIRY_BOUND,
                    () -> api.user(userId).path("locked").asBoolean() ? Optional.empty() : Optional.of(true));
            assertThat(expired).as("the lock expired").contains(true);
            assertThat(api.user(userId).path("failures").asLong()).as("counting after the lock expired").isZero();

            failInOneSignIn(realm, MAX_FAILURES - 1);
            assertThat(api.user(userId).path("failures").asLong()).isEqualTo(MAX_FAILURES - 1);
            assertThat(api.user(userId).path("locked").asBoolean()).as("locked after %d new failures",
                    MAX_FAILURES - 1).isFalse();

            failInOneSignIn(realm, 1);
            assertThat(api.user(userId).path("locked").asBoolean()).as("locked at the fifth new failure").isTrue();
        }
    }

    private void failInOneSignIn(ManagedRealm realm, int count) {
        LivenessPage page = new LoginDriver(server, realm.name()).openLiveness();
        for (int i = 0; i < count; i++) {
            NextStep next = page.submitNow(Submission.of(page, SyntheticFrames.following(page.challenge(),
                    9100 + i)));
            UserSafe.assertUserSafe(next.page());
            if (i + 1 < count) {
                page = next.asLiveness();
            }
        }
    }
}
