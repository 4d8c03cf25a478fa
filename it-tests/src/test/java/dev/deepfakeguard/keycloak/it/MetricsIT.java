package dev.deepfakeguard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.LockoutApi;
import dev.deepfakeguard.keycloak.it.support.LockoutRealm;
import dev.deepfakeguard.keycloak.it.support.LoginDriver;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.MetricsScrape;
import dev.deepfakeguard.keycloak.it.support.MonitoringFiles;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.Poll;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.metrics.GuardMeter;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * An operator scrapes Keycloak's {@code /metrics} (management port, metrics enabled) after people signed in, were
 * stopped as suspected deepfakes, met a failing scorer, got locked and were unlocked: every metric the shipped
 * dashboard and alert rules use is there, with the counts of what happened, and no series names a person.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT {

    /** The lockout gauges are refreshed every 15 s; room for a loaded 2-core machine. */
    private static final Duration GAUGE_BOUND = Duration.ofSeconds(90);
    private static final int LOW_SCORE = 1200;

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();

    MetricsIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @AfterAll
    void stopScorer() {
        scorer.close();
    }

    @Test
    @DisplayName("Given sign-ins, a suspected deepfake, a failing scorer, locks and unlocks, then /metrics has every "
            + "metric of the dashboard and the alert rules, with the counts of what happened and no user or address")
    void dashboardAndRulesFindTheirMetrics() {
        try (ManagedRealm realm = admin.createRealm(LockoutRealm.build("dfg-metrics", scorer.url(),
                Map.of("maxFailures", 3, "maxTemporaryLocks", 1, "sourceMaxFailures", 0)))) {
            String userId = admin.userByUsername(realm.name(), RealmBuilder.USERNAME).orElseThrow().path("id")
                    .asText();
            LockoutApi lockout = new LockoutApi(admin, realm.name());
            Map<String, String> inRealm = Map.of("realm", realm.name());

            scorer.scores(9600, 9900);
            assertThat(signIn(realm).isCodeRedirect()).isFalse();
            scorer.status(500);
            assertThat(signIn(realm).isCodeRedirect()).isFalse();
            scorer.live();
            assertThat(signIn(realm).isCodeRedirect()).isTrue();
            fail(realm, 3);
            assertThat(lockout.user(userId).path("level").asText()).isEqualTo("temporary");
            lockout.unlockUser(userId);
            fail(realm, 3);
            assertThat(lockout.user(userId).path("level").asText()).isEqualTo("permanent");

            MetricsScrape locked = awaitScrape(scrape -> scrape.sum("dfg_locks_active",
                    Map.of("realm", realm.name(), "subject", "user")) == 1);
            lockout.unlockUser(userId);
            MetricsScrape scrape = awaitScrape(s -> s.sum("dfg_locks_active", inRealm) == 0);

            assertThat(locked.sum("dfg_locks_active", Map.of("realm", realm.name(), "subject", "source"))).isZero();
            Set<String> used = MonitoringFiles.metricNames();
            // Checked by HelpdeskSafeguardsIT, whose verification ends and so makes them appear.
            used.removeIf(MonitoringFiles.HELPDESK);
            assertThat(used).as("metrics used by the dashboard and the rules").isNotEmpty();
            assertThat(scrape.names()).as("series on /metrics" + server.logHint()).containsAll(used);
            assertThat(scrape.names()).containsAll(catalogueSeries());

            assertThat(scrape.sum("dfg_liveness_decisions_total", Map.of("realm", realm.name(), "flow", "login",
                    "decision", "allow"))).isEqualTo(1);
            assertThat(scrape.sum("dfg_liveness_decisions_total", Map.of("realm", realm.name(), "decision", "deny",
                    "reason", "synthetic_media"))).isEqualTo(1);
            assertThat(scrape.sum("dfg_liveness_deepfake_suspected_total", inRealm)).isEqualTo(1);
            assertThat(scrape.sum("dfg_liveness_fallbacks_total", inRealm)).isEqualTo(1);
            assertThat(scrape.sum("dfg_locks_created_total", inRealm)).isEqualTo(2);
            assertThat(scrape.sum("dfg_locks_escalated_total", inRealm)).isEqualTo(1);
            assertThat(scrape.sum("dfg_unlocks_total", Map.of("realm", realm.name(), "subject", "user")))
                    .isEqualTo(2);
            assertThat(scrape.sum("dfg_scorer_latency_seconds_count", Map.of("scorer", "http", "outcome",
                    "unavailable"))).isPositive();
            assertThat(scrape.sum("dfg_audit_records_captured_total", Map.of())).isPositive();
            assertThat(scrape.ownLines()).noneMatch(line -> line.contains(userId) || line.contains(
                    RealmBuilder.USERNAME + "\"") || line.contains("127.0.0.1"));
        }
    }

    private MetricsScrape awaitScrape(java.util.function.Predicate<MetricsScrape> condition) {
        Optional<MetricsScrape> scrape = Poll.until(GAUGE_BOUND, () -> {
            MetricsScrape now = MetricsScrape.of(server);
            return condition.test(now) ? Optional.of(now) : Optional.empty();
        });
        assertThat(scrape).as("/metrics within " + GAUGE_BOUND + server.logHint()).isPresent();
        return scrape.get();
    }

    private Page signIn(ManagedRealm realm) {
        LivenessPage page = new LoginDriver(server, realm.name()).openLiveness();
        return page.submitNow(Submission.of(page, SyntheticFrames.following(page.challenge(), 4242))).page();
    }

    private void fail(ManagedRealm realm, int count) {
        scorer.scores(LOW_SCORE, 300);
        LivenessPage page = new LoginDriver(server, realm.name()).openLiveness();
        for (int i = 0; i < count; i++) {
            var next = page.submitNow(Submission.of(page, SyntheticFrames.following(page.challenge(), 5000 + i)));
            if (i + 1 < count) {
                page = next.asLiveness();
            }
        }
    }

    /**
     * Every series of the catalogue but two that appear only with their first occurrence, which this story does not
     * cause: failed deliveries, and ended helpdesk verifications (counted and checked by HelpdeskSafeguardsIT).
     */
    private static Set<String> catalogueSeries() {
        Set<String> names = new TreeSet<>();
        Arrays.stream(GuardMeter.values()).filter(meter -> meter != GuardMeter.OUTBOX_ATTEMPT_FAILURES
                        && meter != GuardMeter.HELPDESK_VERIFICATIONS)
                .forEach(meter -> names.addAll(meter.prometheusSeries()));
        return names;
    }
}
