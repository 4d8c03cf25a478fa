package dev.deepfakeguard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.deepfakeguard.keycloak.audit.verify.Report;
import dev.deepfakeguard.keycloak.it.support.ClusterExtension;
import dev.deepfakeguard.keycloak.it.support.ClusterNode;
import dev.deepfakeguard.keycloak.it.support.KeycloakCluster;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.LoginDriver;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.Poll;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * The audit trail of a two-node cluster: an export from either node verifies with both nodes' chains, a node killed
 * and restarted with its id, or killed and retired for good, leaves a valid trail, and a node that was given another
 * live node's audit id is refused.
 * Runs on the same two nodes as {@link ClusterIT}; the last story leaves node B with its audit switched off.
 */
@ExtendWith(ClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterAuditIT {

    /** The other node chains its committed records every second; a loaded machine may need longer. */
    private static final Duration CHAIN_BOUND = Duration.ofSeconds(60);
    private static final Duration REFUSAL_BOUND = Duration.ofSeconds(90);

    private final KeycloakCluster cluster;
    private final ClusterNode a;
    private final ClusterNode b;
    private final ScorerStandIn scorer = new ScorerStandIn();

    ClusterAuditIT(KeycloakCluster cluster) {
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
    @DisplayName("Given sign-ins on both nodes, then the audit export from either node verifies and holds both "
            + "nodes' chains")
    void auditExportFromEitherNodeVerifiesWithTwoChains() {
        try (ManagedRealm realm = lockoutRealm(Map.of("maxFailures", 100))) {
            scorer.live();
            for (ClusterNode node : cluster.nodes()) {
                LivenessPage page = new LoginDriver(node.server(), realm.name()).openLiveness();
                assertThat(page.submitNow(Submission.of(page, SyntheticFrames.following(page.challenge(),
                        15_000))).page().isCodeRedirect()).as("sign-in on " + node.name()).isTrue();
            }
            String nodeA = auditStatus(0, realm).path("node").asText();
            String nodeB = auditStatus(1, realm).path("node").asText();
            assertThat(nodeA).as("default audit node ids of two installations").isNotEqualTo(nodeB);

            for (int exporter = 0; exporter < 2; exporter++) {
                int from = exporter;
                Optional<List<String>> valid = Poll.until(CHAIN_BOUND, () -> {
                    List<String> lines = export(from, realm);
                    return verify(lines).exitCode() == 0 ? Optional.of(lines) : Optional.empty();
                });
                assertThat(valid).as("export from node %d verifies: %s", from,
                        verify(export(from, realm)).findings()).isPresent();
                assertThat(valid.get()).as("chains of both nodes")
                        .anyMatch(line -> line.contains("\"node\":\"" + nodeA + "\""))
                        .anyMatch(line -> line.contains("\"node\":\"" + nodeB + "\""));
            }
        }
    }

    @Test
    @Order(2)
    @DisplayName("Given node B killed with SIGKILL during sign-ins and restarted with the same audit node id, then "
            + "it takes its id back in a new epoch, every sign-in a client saw succeed has its record, and the "
            + "export from either node verifies VALID")
    void aKilledNodeRestartedWithItsIdLeavesAValidTrail() throws Exception {
        try (ManagedRealm realm = lockoutRealm(Map.of("maxFailures", 100))) {
            JsonNode before = auditStatus(1, realm);
            String idOfB = before.path("node").asText();
            String killedEpoch = before.path("epoch").asText();
            String userId = cluster.admin(0).userByUsername(realm.name(), RealmBuilder.USERNAME).orElseThrow()
                    .path("id").asText();
            List<String> seen = signInsOnNodeBUntilKilled(realm, 19_000);

            b.restart();

            Optional<JsonNode> chaining = Poll.until(REFUSAL_BOUND, () -> {
                JsonNode status = auditStatus(1, realm);
                return "chaining".equals(status.path("state").asText()) ? Optional.of(status) : Optional.empty();
            });
            assertThat(chaining).as("node B's audit state after the restart").isPresent();
            assertThat(chaining.get().path("node").asText()).as("node id after the restart").isEqualTo(idOfB);
            String newEpoch = chaining.get().path("epoch").asText();
            assertThat(newEpoch).isNotEqualTo(killedEpoch);
            for (int exporter = 1; exporter >= 0; exporter--) {
                List<String> valid = validExport(exporter, realm);
                assertThat(LoginRecords.loginSessions(valid, userId).keySet())
                        .as("LOGIN records, export from node %d, of the %d sign-ins seen to succeed", exporter,
                                seen.size())
                        .containsAll(seen);
                assertThat(verify(valid).findings()).as("export from node %d", exporter)
                        .anyMatch(f -> f.contains("new epoch " + newEpoch) && f.contains("follows epoch "
                                + killedEpoch + " through seq"));
            }
        }
    }

    @Test
    @Order(3)
    @DisplayName("Given node B killed with SIGKILL during sign-ins and retired for good, then node A chains its "
            + "orphaned records under a hand-over, every sign-in a client saw succeed has its record, and the "
            + "export verifies")
    void aKilledNodeRetiredForGoodLeavesAValidTrail() throws Exception {
        try (ManagedRealm realm = lockoutRealm(Map.of("maxFailures", 100))) {
            String idOfB = auditStatus(1, realm).path("node").asText();
            String userId = cluster.admin(0).userByUsername(realm.name(), RealmBuilder.USERNAME).orElseThrow()
                    .path("id").asText();
            List<String> seen = signInsOnNodeBUntilKilled(realm, 17_000);

            // Refused while the killed node's hold on its id may still be fresh; then retired.
            Optional<JsonNode> retired = Poll.until(Duration.ofSeconds(90), () -> {
                java.net.http.HttpResponse<String> answer = cluster.admin(0).exchangeRaw("POST",
                        "/admin/realms/master/deepfake-guard-audit/nodes/" + idOfB + "/retire", null);
                return answer.statusCode() == 200 ? Optional.of(json(answer.body())) : Optional.empty();
            });
            assertThat(retired).as("retirement of " + idOfB).isPresent();

            List<String> valid = validExport(0, realm);
            assertThat(verify(valid).findings()).anyMatch(f -> f.contains("node " + idOfB + " retired"));
            assertThat(LoginRecords.loginSessions(valid, userId).keySet())
                    .as("LOGIN records of the %d sign-ins seen to succeed", seen.size()).containsAll(seen);
        }
    }

    @Test
    @Order(4)
    @DisplayName("Given node B restarted with node A's audit installation id (a cloned disk), then node B refuses "
            + "the id with a clear log line and its audit listener off, sign-ins on it still work, and node A's "
            + "trail stays valid")
    void aSecondLiveNodeWithTheSameAuditIdIsRefused() throws IOException {
        try (ManagedRealm realm = lockoutRealm(Map.of("maxFailures", 100))) {
            String idOfA = auditStatus(0, realm).path("node").asText();
            b.stop();
            Path idFile = b.home().resolve("data/deepfake-guard-audit/node-id");
            Files.createDirectories(idFile.getParent());
            Files.writeString(idFile, idOfA + "\n", StandardCharsets.UTF_8);
            b.restart();

            Optional<JsonNode> refused = Poll.until(REFUSAL_BOUND, () -> {
                JsonNode status = auditStatus(1, realm);
                return "refused".equals(status.path("state").asText()) ? Optional.of(status) : Optional.empty();
            });
            assertThat(refused).as("node B's audit state").isPresent();
            assertThat(refused.get().path("node").asText()).isEqualTo(idOfA);
            assertThat(b.logText()).contains("DFG-AUDIT-ALERT REFUSING the audit node id " + idOfA);
            assertThat(auditStatus(0, realm).path("state").asText()).isEqualTo("chaining");

            scorer.live();
            LivenessPage onB = new LoginDriver(b.server(), realm.name()).openLiveness();
            assertThat(onB.submitNow(Submission.of(onB, SyntheticFrames.following(onB.challenge(), 16_000))).page()
                    .isCodeRedirect()).as("sign-in on the refused node (audit not required)").isTrue();
            LivenessPage onA = new LoginDriver(a.server(), realm.name()).openLiveness();
            assertThat(onA.submitNow(Submission.of(onA, SyntheticFrames.following(onA.challenge(), 16_001))).page()
                    .isCodeRedirect()).as("sign-in on node A").isTrue();
            assertThat(auditStatus(1, realm).path("skipped").asLong()).as("records node B did not capture")
                    .isPositive();
            Optional<Report> valid = Poll.until(CHAIN_BOUND, () -> {
                Report report = verify(export(0, realm));
                return report.exitCode() == 0 ? Optional.of(report) : Optional.empty();
            });
            assertThat(valid).as("node A's export: %s", verify(export(0, realm)).findings()).isPresent();
        }
    }

    /**
     * Two clients sign in on node B again and again until it has been seen to succeed four times; then node B is
     * killed with SIGKILL while they go on.
     *
     * @return the user session of every sign-in a client saw succeed (ended with an authorization code)
     */
    private List<String> signInsOnNodeBUntilKilled(ManagedRealm realm, int seedBase) throws InterruptedException {
        scorer.live();
        ConcurrentLinkedQueue<String> succeeded = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int client = 0; client < 2; client++) {
                int clientSeeds = seedBase + client * 1000;
                pool.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        try {
                            LivenessPage page = new LoginDriver(b.server(), realm.name()).openLiveness();
                            Page result = page.submitNow(Submission.of(page, SyntheticFrames.following(
                                    page.challenge(), clientSeeds + i))).page();
                            if (result.isCodeRedirect()) {
                                succeeded.add(LoginRecords.sessionId(result));
                            }
                        } catch (RuntimeException | AssertionError e) {
                            return; // the node is gone
                        }
                    }
                });
            }
            assertThat(Poll.until(Duration.ofSeconds(120), () -> succeeded.size() >= 4 ? Optional.of(true)
                    : Optional.empty())).as("sign-ins on node B before the kill").isPresent();
            b.kill();
        } finally {
            stop.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).as("clients ended").isTrue();
        }
        return List.copyOf(succeeded);
    }

    /** The export from node {@code node} once it verifies (exit 0), polled within the chaining bound. */
    private List<String> validExport(int node, ManagedRealm realm) {
        Optional<List<String>> valid = Poll.until(CHAIN_BOUND, () -> {
            List<String> lines = export(node, realm);
            return verify(lines).exitCode() == 0 ? Optional.of(lines) : Optional.empty();
        });
        assertThat(valid).as("export from node %d: %s", node, verify(export(node, realm)).findings()).isPresent();
        return valid.orElseThrow();
    }

    private ManagedRealm lockoutRealm(Map<String, ?> thresholds) {
        return ClusterStories.lockoutRealm(cluster, scorer, thresholds);
    }

    private JsonNode auditStatus(int node, ManagedRealm realm) {
        return ClusterStories.auditStatus(cluster, node, realm);
    }

    private List<String> export(int node, ManagedRealm realm) {
        return ClusterStories.export(cluster, node, realm);
    }

    private static Report verify(List<String> lines) {
        return ClusterStories.verify(lines);
    }

    private static JsonNode json(String text) {
        return ClusterStories.json(text);
    }
}
