package dev.deepfakeguard.keycloak.it;

import static dev.deepfakeguard.keycloak.it.support.Events.since;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.events.EventType;

import com.fasterxml.jackson.databind.JsonNode;

import dev.deepfakeguard.keycloak.contract.EventDetails;
import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.ClusterExtension;
import dev.deepfakeguard.keycloak.it.support.ClusterNode;
import dev.deepfakeguard.keycloak.it.support.ConcurrentPosts;
import dev.deepfakeguard.keycloak.it.support.KeycloakCluster;
import dev.deepfakeguard.keycloak.it.support.LivenessConfigKeys;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.LockoutApi;
import dev.deepfakeguard.keycloak.it.support.LoginDriver;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.NextStep;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.Poll;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.it.support.UserSafe;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * Two Keycloak nodes on one PostgreSQL database, as operators run it: lockout counts, locks, single-use nonces and
 * replay fingerprints hold across nodes. The audit trail's cluster stories are in {@link ClusterAuditIT}.
 */
@ExtendWith(ClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final int LOW_SCORE = 1200;
    private static final int PER_NODE = 10;
    private static final Duration COUNT_BOUND = Duration.ofSeconds(60);

    private final KeycloakCluster cluster;
    private final ClusterNode a;
    private final ClusterNode b;
    private final ScorerStandIn scorer = new ScorerStandIn();

    ClusterIT(KeycloakCluster cluster) {
        this.cluster = cluster;
        this.a = cluster.node(0);
        this.b = cluster.node(1);
    }

    @AfterAll
    void stopScorer() {
        scorer.close();
    }

    @Test
    @Order(1)
    @DisplayName("Given two nodes on one database, then they form one cluster and see the same realms")
    void formsOneCluster() {
        assertThat(cluster.viewLines()).as("Infinispan cluster views").anyMatch(line -> line.contains("(2)"));
        try (ManagedRealm realm = lockoutRealm(Map.of("maxFailures", 5))) {
            assertThat(cluster.admin(1).realmExists(realm.name())).as("realm made on node A, seen on node B")
                    .isTrue();
        }
    }

    @Test
    @Order(2)
    @DisplayName("Given 20 concurrent failing liveness posts for one user, half on each node, then every one that was "
            + "scored and failed is counted, exactly once")
    void concurrentFailuresAcrossNodesAreCountedExactly() throws Exception {
        try (ManagedRealm realm = lockoutRealm(Map.of("maxFailures", 100))) {
            LockoutApi api = new LockoutApi(cluster.admin(0), realm.name());
            String userId = userId(realm);
            scorer.scores(LOW_SCORE, 300);

            List<Page> answers = ConcurrentPosts.postAllAtOnce(pagesOnBothNodes(realm), 11_000);

            answers.forEach(UserSafe::assertUserSafe);
            // A failure left to a node's background worker under load refuses later attempts there unscored.
            long failed = answers.stream().filter(Page::isLivenessPage).count();
            assertThat(failed).as("attempts that were scored and failed").isGreaterThanOrEqualTo(PER_NODE);
            assertThat(awaitRecorded(api, userId, failed)).contains(failed);
            assertThat(api.user(userId).path("failures").asLong()).isEqualTo(failed);
        }
    }

    @Test
    @Order(3)
    @DisplayName("Given a session on node B and 20 racing failures across both nodes with a lock at 5, then one lock "
            + "is set, the session on node B ends, and both nodes refuse the user")
    void oneLockAcrossNodesEndsSessionsAndRefusesOnBoth() throws Exception {
        try (ManagedRealm realm = lockoutRealm(Map.of("maxFailures", 5))) {
            LockoutApi api = new LockoutApi(cluster.admin(1), realm.name());
            String userId = userId(realm);
            scorer.live();
            LivenessPage onB = new LoginDriver(b.server(), realm.name()).openLiveness();
            assertThat(onB.submitNow(Submission.of(onB, SyntheticFrames.following(onB.challenge(), 12_000))).page()
                    .isCodeRedirect()).as("sign-in on node B").isTrue();
            assertThat(sessions(cluster.admin(1), realm, userId)).isEqualTo(1);
            scorer.scores(LOW_SCORE, 300);

            List<Page> answers = ConcurrentPosts.postAllAtOnce(pagesOnBothNodes(realm), 12_100);

            answers.forEach(UserSafe::assertUserSafe);
            long failed = answers.stream().filter(Page::isLivenessPage).count();
            assertThat(awaitRecorded(api, userId, failed)).contains(failed);
            assertThat(api.locks()).as("one lock").hasSize(1);
            assertThat(api.user(userId).path("locked").asBoolean()).isTrue();
            assertThat(sessions(cluster.admin(1), realm, userId)).as("sessions after the lock").isZero();
            LockoutIT.assertLockedOut(a.server(), realm);
            LockoutIT.assertLockedOut(b.server(), realm);
        }
    }

    @Test
    @Order(4)
    @DisplayName("Given one submission posted at once through node A and node B, then it is scored at most once: "
            + "the challenge nonce claimed on one node is refused on the other")
    void nonceClaimedOnOneNodeIsRefusedOnTheOther() throws Exception {
        try (ManagedRealm realm = lockoutRealm(Map.of("maxFailures", 100))) {
            scorer.live();
            for (int round = 0; round < 3; round++) {
                LivenessPage page = new LoginDriver(a.server(), realm.name()).openLiveness();
                Submission submission = Submission.of(page, SyntheticFrames.following(page.challenge(),
                        13_000 + round));
                int before = scorer.requestCount();
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                    Future<NextStep> viaA = pool.submit(() -> page.submitNow(submission));
                    Future<NextStep> viaB = pool.submit(() -> page.submitNowVia(b.server(), submission));
                    Page first = viaA.get(2, TimeUnit.MINUTES).page();
                    Page second = viaB.get(2, TimeUnit.MINUTES).page();
                    UserSafe.assertUserSafe(first);
                    UserSafe.assertUserSafe(second);
                    assertThat(scorer.requestCount() - before).as("scored, round %d", round).isLessThanOrEqualTo(1);
                    assertThat(List.of(first, second).stream().filter(Page::isCodeRedirect).count())
                            .as("sign-ins completed by one submission, round %d", round).isLessThanOrEqualTo(1);
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    @Test
    @Order(5)
    @DisplayName("Given frames accepted on node A, when they are sent again in a sign-in on node B, then node B "
            + "denies them as replayed media")
    void framesAcceptedOnOneNodeAreAReplayOnTheOther() {
        try (ManagedRealm realm = cluster.admin(0).createRealm(RealmBuilder.named("dfg-cluster-embedded")
                .liveness(LivenessConfigKeys.SCORER, LivenessConfigKeys.SCORER_EMBEDDED).build())) {
            LivenessPage first = new LoginDriver(a.server(), realm.name()).openLiveness();
            List<CapturedFrame> recorded = SyntheticFrames.following(first.challenge(), 14_000);
            Page accepted = first.submit(Submission.of(first, recorded)).page();
            assertThat(accepted.isCodeRedirect()).as("the original sign-in on A: " + accepted.describe()).isTrue();

            LivenessPage second = new LoginDriver(b.server(), realm.name()).openLiveness();
            long mark = System.currentTimeMillis();
            Page replayed = second.submit(Submission.of(second, recorded)).page();

            assertThat(replayed.isCodeRedirect()).as(replayed.describe()).isFalse();
            JsonNode error = realm.awaitEvent(EventType.LOGIN_ERROR.name(), since(mark));
            assertThat(error.path("error").asText()).isEqualTo(EventErrors.DEEPFAKE_SUSPECTED);
            assertThat(error.path("details").path(EventDetails.REASONS).asText()).contains(ReasonCodes.REPLAYED_MEDIA);
        }
    }

    private ManagedRealm lockoutRealm(Map<String, ?> thresholds) {
        return ClusterStories.lockoutRealm(cluster, scorer, thresholds);
    }

    private String userId(ManagedRealm realm) {
        return cluster.admin(0).userByUsername(realm.name(), RealmBuilder.USERNAME).orElseThrow().path("id")
                .asText();
    }

    private List<LivenessPage> pagesOnBothNodes(ManagedRealm realm) {
        List<LivenessPage> pages = new ArrayList<>();
        for (int i = 0; i < PER_NODE; i++) {
            pages.add(new LoginDriver(a.server(), realm.name()).openLiveness());
            pages.add(new LoginDriver(b.server(), realm.name()).openLiveness());
        }
        return pages;
    }

    private static Optional<Long> awaitRecorded(LockoutApi api, String userId, long expected) {
        return Poll.until(COUNT_BOUND, () -> {
            long recorded = api.user(userId).path("recordedFailures").asLong();
            return recorded >= expected ? Optional.of(recorded) : Optional.empty();
        });
    }

    private static int sessions(AdminClient admin, ManagedRealm realm, String userId) {
        return admin.call("GET", "/admin/realms/" + realm.name() + "/users/" + userId + "/sessions", null, 200).size();
    }
}
