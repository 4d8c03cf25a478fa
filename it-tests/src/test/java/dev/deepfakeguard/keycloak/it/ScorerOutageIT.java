package dev.deepfakeguard.keycloak.it;

import static dev.deepfakeguard.keycloak.it.support.Events.since;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.events.EventType;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessConfigKeys;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.LoginDriver;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.Poll;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.scoring.http.HttpScorerConfig;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * The http scorer goes away while clients sign in: first it hangs (reads each request, never answers), then its
 * process is gone (connections refused). Every liveness post made during the outage gets the flow's fallback (deny
 * here), never an allow, and is answered within the configured call timeout plus a generous allowance for a busy
 * machine: the bound is checked by counting the posts beyond it, which must be none.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScorerOutageIT {

    private static final int CLIENTS = 4;
    private static final int CALL_TIMEOUT_MILLIS = 2000;
    /**
     * What a loaded 2-core machine may add to the call timeout (admitting the frames, the events, the page). Without
     * the timeout a post to the hanging scorer would wait for the client's own 60 s request timeout.
     */
    private static final Duration SLACK = Duration.ofSeconds(20);
    private static final Duration BOUND = Duration.ofMillis(CALL_TIMEOUT_MILLIS).plus(SLACK);
    private static final int POSTS_PER_PHASE = 8;
    private static final Duration PHASE_BOUND = Duration.ofSeconds(180);

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();

    ScorerOutageIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @AfterAll
    void stopScorer() {
        scorer.close();
    }

    private enum Phase { ANSWERING, HANGING, REFUSING }

    /** One liveness post as a client saw it: the scorer's phase when it was sent, how it ended, how long it took. */
    private record Post(Phase phase, boolean codeRedirect, Duration took, String outcome) {
    }

    @Test
    @DisplayName("Given clients signing in when the scorer first hangs and then refuses connections, then every post "
            + "during the outage gets the deny fallback, none is allowed, and none takes longer than the call "
            + "timeout plus slack")
    void scorerOutageFallsBackWithinTheTimeout() throws Exception {
        try (ManagedRealm realm = admin.createRealm(RealmBuilder.named("dfg-scorer-outage")
                .liveness(LivenessConfigKeys.SCORER, LivenessConfigKeys.SCORER_HTTP)
                .liveness(LivenessConfigKeys.FALLBACK, Decision.DENY.value())
                .liveness(LivenessConfigKeys.MAX_ATTEMPTS, 10)
                .liveness(HttpScorerConfig.URL, scorer.url())
                .liveness(HttpScorerConfig.CONNECT_TIMEOUT_MILLIS, CALL_TIMEOUT_MILLIS)
                .liveness(HttpScorerConfig.READ_TIMEOUT_MILLIS, CALL_TIMEOUT_MILLIS)
                .liveness(HttpScorerConfig.CALL_TIMEOUT_MILLIS, CALL_TIMEOUT_MILLIS)
                .build())) {
            scorer.live();
            AtomicReference<Phase> phase = new AtomicReference<>(Phase.ANSWERING);
            ConcurrentLinkedQueue<Post> posts = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> loops = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                long seedBase = 30_000L + c * 10_000L;
                loops.add(clients.submit(() -> postLoop(realm.name(), seedBase, phase, stop, posts)));
            }
            long outageStart;
            int requestsBeforeHang;
            try {
                awaitPosts(posts, Phase.ANSWERING, true);
                requestsBeforeHang = scorer.requestCount();
                outageStart = System.currentTimeMillis();
                scorer.hang();
                phase.set(Phase.HANGING);
                awaitPosts(posts, Phase.HANGING, false);
                scorer.refuseConnections();
                phase.set(Phase.REFUSING);
                awaitPosts(posts, Phase.REFUSING, false);
            } finally {
                stop.set(true);
                clients.shutdown();
                assertThat(clients.awaitTermination(3, TimeUnit.MINUTES)).as("client loops ended").isTrue();
            }
            for (Future<?> loop : loops) {
                loop.get();
            }

            List<Post> outage = posts.stream().filter(p -> p.phase() != Phase.ANSWERING).toList();
            assertThat(outage).as("posts during the outage").noneMatch(Post::codeRedirect);
            assertThat(outage.stream().filter(p -> p.took().compareTo(BOUND) > 0 || p.outcome() != null))
                    .as("posts during the outage answered later than %s or not at all", BOUND).isEmpty();
            assertThat(scorer.requestCount() - requestsBeforeHang).as("requests the hanging scorer received")
                    .isPositive();
            long denied = realm.countEvents(EventType.LOGIN_ERROR.name(), since(outageStart)
                    .and(e -> EventErrors.LIVENESS_SCORER_UNAVAILABLE.equals(e.path("error").asText())));
            assertThat(denied).as("LOGIN_ERROR liveness_scorer_unavailable since the outage began")
                    .isGreaterThanOrEqualTo(outage.size());
            Map<Phase, Duration> slowest = new EnumMap<>(Phase.class);
            posts.forEach(p -> slowest.merge(p.phase(), p.took(), (a, b) -> a.compareTo(b) >= 0 ? a : b));
            System.out.printf("ScorerOutageIT: %d posts, %d during the outage, slowest per phase %s (bound %s)%n",
                    posts.size(), outage.size(), slowest, BOUND);
        }
    }

    private static void awaitPosts(ConcurrentLinkedQueue<Post> posts, Phase phase, boolean allowed) {
        assertThat(Poll.until(PHASE_BOUND, () -> posts.stream()
                .filter(p -> p.phase() == phase && (!allowed || p.codeRedirect())).count() >= POSTS_PER_PHASE
                ? Optional.of(true) : Optional.empty()))
                .as("%d posts %s while the scorer is %s", POSTS_PER_PHASE, allowed ? "allowed" : "answered", phase)
                .isPresent();
    }

    /**
     * One client: password, liveness page, frames, again and again. The phase is read just before the frames are
     * posted, so a post counts for the outage only when the scorer was already out when it was sent.
     */
    private void postLoop(String realm, long seedBase, AtomicReference<Phase> phase, AtomicBoolean stop,
                          ConcurrentLinkedQueue<Post> posts) {
        for (long attempt = 0; !stop.get(); attempt++) {
            LivenessPage liveness = new LoginDriver(server, realm).openLiveness();
            Submission submission = Submission.of(liveness,
                    SyntheticFrames.following(liveness.challenge(), seedBase + attempt));
            Phase sentIn = phase.get();
            long start = System.nanoTime();
            try {
                Page result = liveness.submitNow(submission).page();
                posts.add(new Post(sentIn, result.isCodeRedirect(), Duration.ofNanos(System.nanoTime() - start),
                        null));
            } catch (RuntimeException e) {
                posts.add(new Post(sentIn, false, Duration.ofNanos(System.nanoTime() - start), e.toString()));
            }
        }
    }
}
