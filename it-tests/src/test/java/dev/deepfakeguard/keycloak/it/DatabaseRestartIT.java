package dev.deepfakeguard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.audit.verify.Report;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.LockoutApi;
import dev.deepfakeguard.keycloak.it.support.LockoutRealm;
import dev.deepfakeguard.keycloak.it.support.LoginDriver;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.NodeOnOwnPostgres;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.Poll;
import dev.deepfakeguard.keycloak.it.support.PostgresServer;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * PostgreSQL restarted under a production-mode Keycloak node while sign-ins run, once shut down cleanly and once
 * aborted like a crash. The database is a server of the story's own ({@link NodeOnOwnPostgres}): the machine's shared
 * server is never stopped. Clients keep signing in with a right password and frames the scorer passes, with a wrong
 * password, and with frames the scorer refuses; whatever the database does, no sign-in may pass a step it did not
 * pass, every sign-in a client saw succeed keeps its audit record, and lockout counting goes on afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseRestartIT {

    private static final int CLIENTS = 3;
    private static final int SUCCESSES_PER_PHASE = 3;
    /** Successes to wait for per phase, on a 2-core machine other builds keep busy. */
    private static final Duration PHASE_BOUND = Duration.ofSeconds(180);
    /** Attempts the clients must see end while the database is down. */
    private static final int ATTEMPTS_WHILE_DOWN = 2;
    private static final Duration DOWN_BOUND = Duration.ofSeconds(90);
    private static final Duration LOOP_BOUND = Duration.ofMinutes(15);
    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static final int FAILURES_AFTER = 3;

    private final ScorerStandIn scorer = new ScorerStandIn();
    private NodeOnOwnPostgres bench;

    @BeforeAll
    void start() {
        bench = NodeOnOwnPostgres.start();
    }

    @AfterAll
    void stop() {
        scorer.close();
        if (bench != null) {
            bench.close();
        }
    }

    /** What one attempt tried. */
    private enum Kind { GOOD, WRONG_PASSWORD, REFUSED_FRAMES }

    /** A sign-in one client saw end with an authorization code. */
    private record Success(String sessionId, String challengeId) {
    }

    @Test
    @DisplayName("Given sign-ins running while PostgreSQL is stopped fast, started, aborted and started again, then "
            + "no sign-in passes a step it did not pass, every sign-in seen to succeed has its audit record and the "
            + "trail verifies, and lockout counting resumes exactly")
    void databaseRestartsUnderSignIns() throws Exception {
        try (ManagedRealm realm = bench.admin().createRealm(LockoutRealm.build("dfg-pg-restart", scorer.url(),
                Map.of("maxFailures", 100, "sourceMaxFailures", 0)))) {
            scorer.live();
            String userId = bench.admin().userByUsername(realm.name(), RealmBuilder.USERNAME).orElseThrow()
                    .path("id").asText();
            ConcurrentLinkedQueue<Success> successes = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
            AtomicInteger failed = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> loops = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                loops.add(clients.submit(() -> signInLoop(realm.name(), client, stop, successes, violations,
                        failed)));
            }
            try {
                for (String mode : List.of(PostgresServer.FAST, PostgresServer.IMMEDIATE)) {
                    awaitMore(successes, "sign-ins before the " + mode + " stop");
                    int failedBefore = failed.get();
                    bench.postgres().stop(mode);
                    assertThat(Poll.until(DOWN_BOUND, () -> failed.get() >= failedBefore + ATTEMPTS_WHILE_DOWN
                            ? Optional.of(true) : Optional.empty()))
                            .as("attempts the clients saw fail with the database down (%s)", mode).isPresent();
                    bench.postgres().startAgain();
                }
                awaitMore(successes, "sign-ins after the last restart");
            } finally {
                stop.set(true);
                clients.shutdown();
                assertThat(clients.awaitTermination(3, TimeUnit.MINUTES)).as("client loops ended").isTrue();
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
            assertThat(violations).as("attempts that passed a step they did not pass").isEmpty();
            List<Success> seen = List.copyOf(successes);
            Set<String> scoredLive = scorer.drainRequests().stream().map(r -> r.getBody().readUtf8())
                    .flatMap(body -> seen.stream().map(Success::challengeId).filter(body::contains))
                    .collect(Collectors.toSet());
            assertThat(seen).as("sign-ins seen to succeed were all scored by the scorer")
                    .allSatisfy(s -> assertThat(scoredLive).contains(s.challengeId()));

            List<String> export = exportWithoutPendingThatVerifies(realm);
            Set<String> recorded = LoginRecords.loginSessions(export, userId).keySet();
            assertThat(seen).as("every sign-in a client saw succeed has its LOGIN record")
                    .allSatisfy(s -> assertThat(recorded).contains(s.sessionId()));

            assertLockoutCountingResumes(realm, userId);
            System.out.printf("DatabaseRestartIT: %d sign-ins seen to succeed, %d attempts seen to fail, "
                    + "%d LOGIN records%n", seen.size(), failed.get(), recorded.size());
        }
    }

    private void awaitMore(ConcurrentLinkedQueue<Success> successes, String what) {
        int target = successes.size() + SUCCESSES_PER_PHASE;
        assertThat(Poll.until(PHASE_BOUND, () -> successes.size() >= target ? Optional.of(true)
                : Optional.empty())).as(what + "; log: " + bench.node().log()).isPresent();
    }

    /**
     * One client: signs in again and again, in turn with a good submission, a wrong password and frames the scorer
     * refuses. An attempt that ends in an error page or a broken connection is a failure, which is safe; only an
     * attempt that got further than it should is a violation.
     */
    private void signInLoop(String realm, int client, AtomicBoolean stop, ConcurrentLinkedQueue<Success> successes,
                            ConcurrentLinkedQueue<String> violations, AtomicInteger failed) {
        long deadline = System.nanoTime() + LOOP_BOUND.toNanos();
        for (int attempt = 0; !stop.get() && System.nanoTime() - deadline < 0; attempt++) {
            Kind kind = Kind.values()[(attempt + client) % Kind.values().length];
            try {
                if (!attempt(realm, kind, client * 100_000L + attempt, successes, violations)) {
                    failed.incrementAndGet();
                }
            } catch (RuntimeException | AssertionError e) {
                failed.incrementAndGet(); // the database or the node refused mid-way: a failed sign-in
                Poll.pause(Duration.ofMillis(200));
            }
        }
    }

    /** @return whether the attempt ended as its kind should when everything works */
    private boolean attempt(String realm, Kind kind, long seed, ConcurrentLinkedQueue<Success> successes,
                            ConcurrentLinkedQueue<String> violations) {
        LoginDriver driver = new LoginDriver(bench.server(), realm);
        if (kind == Kind.WRONG_PASSWORD) {
            Page page = driver.open().login(RealmBuilder.USERNAME, "not-" + RealmBuilder.PASSWORD).page();
            if (page.isLivenessPage() || page.isCodeRedirect()) {
                violations.add("a wrong password got past the password step: " + page.describe());
            }
            return page.status() == 200 && !page.isLivenessPage() && !page.isCodeRedirect();
        }
        LivenessPage liveness = driver.open().login(RealmBuilder.USERNAME, RealmBuilder.PASSWORD).asLiveness();
        if (kind == Kind.REFUSED_FRAMES) {
            scorer.lowScoreFor(liveness.challengeId());
        }
        Page result = liveness.submitNow(Submission.of(liveness,
                SyntheticFrames.following(liveness.challenge(), seed))).page();
        if (!result.isCodeRedirect()) {
            return kind == Kind.REFUSED_FRAMES;
        }
        if (kind == Kind.REFUSED_FRAMES) {
            violations.add("frames the scorer refused got a code: " + result.describe());
            return false;
        }
        successes.add(new Success(LoginRecords.sessionId(result), liveness.challengeId()));
        return true;
    }

    /** The export once the chainer has chained what was committed around the restarts, and it verifies VALID. */
    private List<String> exportWithoutPendingThatVerifies(ManagedRealm realm) {
        Optional<List<String>> settled = Poll.until(CATCH_UP, () -> {
            List<String> lines = Arrays.stream(bench.admin().text("/admin/realms/" + realm.name()
                    + "/deepfake-guard-audit/export").split("\n")).filter(l -> !l.isBlank()).toList();
            boolean pending = lines.stream().anyMatch(l -> ExportFormat.PENDING.equals(LoginRecords.kind(l)));
            return !pending && ClusterStories.verify(lines).exitCode() == Report.VALID ? Optional.of(lines)
                    : Optional.empty();
        });
        assertThat(settled).as("an export that verifies, nothing pending, within %d s; log: %s",
                CATCH_UP.toSeconds(), bench.node().log()).isPresent();
        return settled.orElseThrow();
    }

    /** Failing liveness checks after the restarts are each counted once, as before them. */
    private void assertLockoutCountingResumes(ManagedRealm realm, String userId) {
        LockoutApi api = new LockoutApi(bench.admin(), realm.name());
        long before = api.user(userId).path("recordedFailures").asLong();
        for (int i = 0; i < FAILURES_AFTER; i++) {
            LivenessPage liveness = new LoginDriver(bench.server(), realm.name()).openLiveness();
            scorer.lowScoreFor(liveness.challengeId());
            Page result = liveness.submitNow(Submission.of(liveness,
                    SyntheticFrames.following(liveness.challenge(), 900_000L + i))).page();
            assertThat(result.isCodeRedirect()).as(result.describe()).isFalse();
        }
        Optional<Long> counted = Poll.until(Duration.ofSeconds(60), () -> {
            long now = api.user(userId).path("recordedFailures").asLong();
            return now >= before + FAILURES_AFTER ? Optional.of(now) : Optional.empty();
        });
        assertThat(counted).as("failures counted after the restarts").contains(before + FAILURES_AFTER);
    }
}
