package dev.deepfakeguard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.audit.verify.ExportVerifier;
import dev.deepfakeguard.keycloak.audit.verify.Report;
import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakRestarter;
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
 * Crash safety of the audit trail (docs/audit.md, "Crash recovery"): Keycloak is killed with SIGKILL while clients
 * log in; after a restart on the same database every login a client saw succeed has its record, and the export
 * verifies across the hand-over to the new boot epoch.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditCrashIT {

    private static final int CLIENTS = 3;
    /** How long the clients may take for the logins to see before the kill, on a loaded 2-core machine. */
    private static final Duration LOGINS_BEFORE_KILL_BOUND = Duration.ofSeconds(90);
    /**
     * A client's loop runs until the story stops it, after the clients have seen the server gone; this bounds it only
     * if the story itself hangs. A loop ending by its own clock could end before the kill and see nothing of it.
     */
    private static final Duration LOGIN_LOOP = Duration.ofMinutes(5);
    /** Successful logins (all clients together) to see before the kill. */
    private static final int LOGINS_BEFORE_KILL = 4;
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();

    AuditCrashIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @AfterAll
    void stop() {
        scorer.close();
    }

    /** A login as one client saw it end with an authorization code. */
    private record Success(int client, String sessionId, long completedAt) {
    }

    @Test
    @DisplayName("Given logins running when Keycloak is killed with SIGKILL, then every login a client saw succeed "
            + "has its record and the trail verifies across the new epoch")
    void everySuccessfulLoginSurvivesTheCrash(KeycloakRestarter restarter) throws Exception {
        try (ManagedRealm realm = admin.createRealm(RealmBuilder.named("dfg-crash")
                .liveness(LivenessConfigKeys.SCORER, LivenessConfigKeys.SCORER_HTTP)
                .liveness(LivenessConfigKeys.FALLBACK, Decision.DENY.value())
                .liveness(HttpScorerConfig.URL, scorer.url())
                .build())) {
            scorer.live();
            String userId = admin.userByUsername(realm.name(), RealmBuilder.USERNAME).orElseThrow().path("id")
                    .asText();
            String killedEpoch = status(realm).path("epoch").asText();

            ConcurrentLinkedQueue<Success> successes = new ConcurrentLinkedQueue<>();
            AtomicInteger failuresSeen = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> loops = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                loops.add(clients.submit(() -> loginLoop(realm.name(), client, stop, successes, failuresSeen)));
            }
            try {
                assertThat(Poll.until(LOGINS_BEFORE_KILL_BOUND, () -> successes.size() >= LOGINS_BEFORE_KILL
                        ? Optional.of(true) : Optional.empty()))
                        .as("logins before the kill" + server.logHint()).isPresent();

                restarter.kill();

                assertThat(Poll.until(Duration.ofSeconds(60), () -> failuresSeen.get() > 0
                        ? Optional.of(true) : Optional.empty()))
                        .as("the clients see the server gone").isPresent();
            } finally {
                stop.set(true);
                clients.shutdown();
                // A client stops after its current login, which ends at the latest with LoginDriver's request timeout.
                assertThat(clients.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
            }
            for (Future<?> loop : loops) {
                loop.get(); // an assertion inside a client loop fails the story
            }
            List<Success> seen = List.copyOf(successes);

            restarter.restart();

            String newEpoch = status(realm).path("epoch").asText();
            assertThat(newEpoch).isNotEqualTo(killedEpoch);
            // One login on the restarted server, so the new epoch holds a login of its own too.
            LivenessPage liveness = new LoginDriver(server, realm.name()).openLiveness();
            Page after = liveness.submit(Submission.of(liveness,
                    SyntheticFrames.following(liveness.challenge(), 9000))).page();
            assertThat(after.isCodeRedirect()).as(after.describe()).isTrue();

            List<String> export = exportWithoutPending(realm);
            Map<String, String> chainedIn = LoginRecords.loginSessions(export, userId);
            Set<String> recorded = chainedIn.keySet();
            assertThat(seen).as("logins the clients saw succeed").hasSizeGreaterThanOrEqualTo(LOGINS_BEFORE_KILL);
            assertThat(seen).as("every login a client saw succeed has its LOGIN record (export: %s)", export)
                    .allSatisfy(s -> assertThat(recorded).contains(s.sessionId()));
            assertThat(recorded).contains(LoginRecords.sessionId(after));

            Report report = ExportVerifier.verify(new BufferedReader(new StringReader(String.join("\n", export))),
                    Set.of());
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
            String summary = printed.toString(StandardCharsets.UTF_8);
            long recovered = seen.stream().filter(s -> newEpoch.equals(chainedIn.get(s.sessionId()))).count();
            System.out.printf("AuditCrashIT: %d logins seen succeeding before the kill, %d of them chained only by the "
                    + "new epoch (committed, unchained when killed); %d failures seen by the clients%n%s%n",
                    seen.size(), recovered, failuresSeen.get(), summary);
            assertThat(report.exitCode()).as(summary).isEqualTo(Report.VALID);
            assertThat(report.validRecords()).as(summary).isEqualTo(report.records());
            assertThat(report.validCheckpoints()).as(summary).isEqualTo(report.checkpoints()).isPositive();
            assertThat(report.findings()).as(summary).anyMatch(f -> f.contains("new epoch " + newEpoch)
                    && f.contains("follows epoch " + killedEpoch + " through seq") && !f.contains("not in this export"));
        }
    }

    /** One client: logs in again and again until told to stop or its time is up; a failure ends nothing. */
    private void loginLoop(String realm, int client, AtomicBoolean stop, ConcurrentLinkedQueue<Success> successes,
                           AtomicInteger failuresSeen) {
        long deadline = System.nanoTime() + LOGIN_LOOP.toNanos();
        int attempt = 0;
        while (!stop.get() && System.nanoTime() - deadline < 0) {
            attempt++;
            try {
                LivenessPage liveness = new LoginDriver(server, realm).openLiveness();
                Page result = liveness.submit(Submission.of(liveness,
                        SyntheticFrames.following(liveness.challenge(), 7000 + client * 1000 + attempt))).page();
                if (result.isCodeRedirect()) {
                    successes.add(new Success(client, LoginRecords.sessionId(result), System.currentTimeMillis()));
                } else {
                    failuresSeen.incrementAndGet();
                }
            } catch (RuntimeException | AssertionError e) {
                // The server went away mid-login: connection refused or reset, or a page that is not what the
                // driver expected. Only completed logins count.
                failuresSeen.incrementAndGet();
                Poll.pause(Duration.ofMillis(200));
            }
        }
    }

    private JsonNode status(ManagedRealm realm) {
        return admin.call("GET", "/admin/realms/" + realm.name() + "/deepfake-guard-audit/status", null, 200);
    }

    /**
     * The export once the restarted node's chainer has caught up with what the killed process committed but never
     * chained: polled, bounded, until nothing of the realm is pending.
     */
    private List<String> exportWithoutPending(ManagedRealm realm) {
        List<String> last = List.of();
        Optional<List<String>> settled = Poll.until(CATCH_UP, () -> {
            List<String> lines = Arrays.stream(admin.text("/admin/realms/" + realm.name()
                    + "/deepfake-guard-audit/export").split("\n")).filter(l -> !l.isBlank()).toList();
            boolean pending = lines.stream().anyMatch(l -> LoginRecords.kind(l).equals(ExportFormat.PENDING));
            return pending ? Optional.empty() : Optional.of(lines);
        });
        assertThat(settled).as("an export with nothing pending within " + CATCH_UP.toSeconds() + " s"
                + server.logHint()).isPresent();
        return settled.orElse(last);
    }
}
