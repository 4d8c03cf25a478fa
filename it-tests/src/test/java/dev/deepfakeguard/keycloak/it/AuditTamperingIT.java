package dev.deepfakeguard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.deepfakeguard.keycloak.audit.verify.ExportVerifier;
import dev.deepfakeguard.keycloak.audit.verify.Report;
import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.KeycloakDatabase;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakRestarter;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessConfigKeys;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.LoginDriver;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.scoring.http.HttpScorerConfig;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * A database administrator changes the audit tables while Keycloak is down (docs/audit.md, "What the verifier can
 * prove"): the first records of a chain, a record moved to another realm, the tail of an epoch and later a whole
 * epoch disappear. Each export afterwards fails verification with exit code 1 and its own finding. The database
 * and the node's witness are put back afterwards, so the other stories of the run see an intact trail.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTamperingIT {

    private static final String LOGIN_BODY = "%\"type\":\"LOGIN\"%";

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();
    private ManagedRealm realm;
    private ManagedRealm other;
    private Path backup;
    private KeycloakRestarter restarter;

    AuditTamperingIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void threeLoginsEachInItsOwnCheckpoint() throws IOException {
        backup = Files.createTempDirectory("dfg-audit-tampering");
        realm = admin.createRealm(RealmBuilder.named("dfg-tamper")
                .liveness(LivenessConfigKeys.SCORER, LivenessConfigKeys.SCORER_HTTP)
                .liveness(LivenessConfigKeys.FALLBACK, Decision.DENY.value())
                .liveness(HttpScorerConfig.URL, scorer.url())
                .build());
        other = admin.createRealm(RealmBuilder.named("dfg-tamper-other").withoutLiveness().build());
        scorer.live();
        for (int i = 0; i < 3; i++) {
            LivenessPage liveness = new LoginDriver(server, realm.name()).openLiveness();
            Page result = liveness.submit(Submission.of(liveness,
                    SyntheticFrames.following(liveness.challenge(), 6100 + i))).page();
            assertThat(result.isCodeRedirect()).as(result.describe()).isTrue();
            // The export chains what is committed and signs a checkpoint over it: one checkpoint per login.
            assertThat(verify(export()).exitCode()).isNotEqualTo(Report.INVALID);
        }
    }

    @AfterAll
    void putTheDatabaseBack() throws IOException {
        try {
            if (restarter != null) {
                restarter.restart(data -> restore(backup, data));
                admin.forgetToken();
            }
        } finally {
            other.close();
            realm.close();
            scorer.close();
            delete(backup);
        }
    }

    @Test
    @Order(1)
    @DisplayName("Given the first records of the running epoch, a record moved to another realm and the epoch's tail "
            + "deleted from the database while Keycloak was down, then the next export is invalid")
    void deletionsWhileDownAreInvalid(KeycloakRestarter restarter) {
        this.restarter = restarter;
        JsonNode status = status();
        String node = status.path("node").asText();
        String epoch = status.path("epoch").asText();
        String realmId = admin.realm(realm.name()).path("id").asText();
        String otherId = admin.realm(other.name()).path("id").asText();
        long[] cut = new long[3];

        restarter.restart(data -> {
            copy(data, backup);
            try (KeycloakDatabase db = KeycloakDatabase.open(data)) {
                List<Long> logins = db.longs("select CHAIN_SEQ from DFG_AUDIT_RECORD where NODE = ? and CHAIN_EPOCH"
                        + " = ? and REALM_ID = ? and BODY like ? order by CHAIN_SEQ", node, epoch, realmId, LOGIN_BODY);
                assertThat(logins).hasSize(3);
                long first = coveredThrough(db, node, epoch, logins.get(0));
                long second = coveredThrough(db, node, epoch, logins.get(1));
                assertThat(first).isLessThan(logins.get(1));
                // The first records of the chain, with the checkpoints that covered them.
                db.update("delete from DFG_AUDIT_RECORD where NODE = ? and CHAIN_EPOCH = ? and CHAIN_SEQ <= ?",
                        node, epoch, first);
                db.update("delete from DFG_AUDIT_CHECKPOINT where NODE = ? and EPOCH = ? and THROUGH_SEQ <= ?",
                        node, epoch, first);
                // The second login is moved to the other realm: this realm's export would elide it.
                db.update("update DFG_AUDIT_RECORD set REALM_ID = ? where NODE = ? and CHAIN_EPOCH = ? and "
                        + "CHAIN_SEQ = ?", otherId, node, epoch, logins.get(1));
                // The tail of the epoch, with its checkpoints: the restarted node starts a new epoch.
                db.update("delete from DFG_AUDIT_RECORD where NODE = ? and CHAIN_EPOCH = ? and CHAIN_SEQ > ?",
                        node, epoch, second);
                db.update("delete from DFG_AUDIT_CHECKPOINT where NODE = ? and EPOCH = ? and THROUGH_SEQ > ?",
                        node, epoch, second);
                cut[0] = first;
                cut[1] = logins.get(1);
                cut[2] = second;
            }
        });

        Report report = verify(export());

        assertThat(report.exitCode()).as(String.join("\n", report.findings())).isEqualTo(Report.INVALID);
        assertThat(report.findings()).as("first records")
                .anyMatch(f -> f.startsWith("INVALID: node " + node + " epoch " + epoch + " starts at seq "
                        + (cut[0] + 1)));
        assertThat(report.findings()).as("record moved to another realm")
                .anyMatch(f -> f.startsWith("INVALID:") && f.contains("elided record seq " + cut[1]));
        assertThat(report.findings()).as("tail of the epoch")
                .anyMatch(f -> f.startsWith("INVALID: node " + node + " epoch " + epoch + " ends at seq " + cut[2]));
    }

    @Test
    @Order(2)
    @DisplayName("Given a whole epoch deleted from the database while Keycloak was down, then the next export is "
            + "invalid")
    void deletedEpochIsInvalid(KeycloakRestarter restarter) {
        this.restarter = restarter;
        JsonNode status = status();
        String node = status.path("node").asText();
        String epoch = status.path("epoch").asText();

        restarter.restart(data -> {
            try (KeycloakDatabase db = KeycloakDatabase.open(data)) {
                db.update("delete from DFG_AUDIT_RECORD where NODE = ? and CHAIN_EPOCH = ?", node, epoch);
                db.update("delete from DFG_AUDIT_CHECKPOINT where NODE = ? and EPOCH = ?", node, epoch);
            }
        });

        Report report = verify(export());

        assertThat(report.exitCode()).as(String.join("\n", report.findings())).isEqualTo(Report.INVALID);
        assertThat(report.findings()).anyMatch(f -> f.startsWith("INVALID:") && f.contains("follows epoch " + epoch)
                && f.contains("which is missing"));
    }

    /** Through which seq the checkpoint that covers {@code seq} goes. */
    private static long coveredThrough(KeycloakDatabase db, String node, String epoch, long seq) {
        return db.longs("select min(THROUGH_SEQ) from DFG_AUDIT_CHECKPOINT where NODE = ? and EPOCH = ? and "
                + "THROUGH_SEQ >= ?", node, epoch, seq).get(0);
    }

    private JsonNode status() {
        return admin.call("GET", "/admin/realms/" + realm.name() + "/deepfake-guard-audit/status", null, 200);
    }

    private List<String> export() {
        return List.of(admin.text("/admin/realms/" + realm.name() + "/deepfake-guard-audit/export").split("\n"));
    }

    private static Report verify(List<String> lines) {
        try {
            return ExportVerifier.verify(new BufferedReader(new StringReader(String.join("\n", lines))), Set.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The database and the node's audit witness, as they were before anything was changed. */
    private static void copy(Path data, Path target) {
        for (String part : List.of("h2", "deepfake-guard-audit")) {
            copyTree(data.resolve(part), target.resolve(part));
        }
    }

    private static void restore(Path saved, Path data) {
        for (String part : List.of("h2", "deepfake-guard-audit")) {
            delete(data.resolve(part));
            copyTree(saved.resolve(part), data.resolve(part));
        }
    }

    private static void copyTree(Path from, Path to) {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path tree) {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
