package dev.deepfakeguard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.LockoutRealm;
import dev.deepfakeguard.keycloak.it.support.LoginDriver;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.Poll;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.it.support.WebhookAlertStory;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * A burst of suspected deepfakes in one realm reaches the security team's signed webhook at once, before anyone is
 * locked: one alert when the count goes over the realm's threshold, not one per attempt.
 */
class DeepfakeRateAlertIT extends WebhookAlertStory {

    private static final String SECRET = "it-rate-webhook-secret-0123456789";

    DeepfakeRateAlertIT(KeycloakServer server, AdminClient admin) {
        super(server, admin);
    }

    @Test
    @DisplayName("Given a threshold of 2 suspected deepfakes in 10 minutes, then the third sends one signed rate "
            + "alert, and the fourth and fifth (which lock the user) send only the lock alert")
    void burstOfDeepfakesAlertsOnce() throws Exception {
        receiver.comeUp();
        ObjectNode representation = LockoutRealm.withWebhook("dfg-rate", scorer.url(), 5, receiver.url(), SECRET);
        ObjectNode attributes = (ObjectNode) representation.get("attributes");
        attributes.put("deepfake-guard.deepfake-rate.threshold", "2");
        attributes.put("deepfake-guard.deepfake-rate.windowSeconds", "600");
        try (ManagedRealm realm = admin.createRealm(representation)) {
            scorer.scores(9600, 9900);
            LivenessPage page = new LoginDriver(server, realm.name()).openLiveness();
            for (int i = 0; i < 5; i++) {
                var next = page.submitNow(Submission.of(page, SyntheticFrames.following(page.challenge(), 700 + i)));
                if (i < 4) {
                    page = next.asLiveness();
                }
            }

            Optional<List<JsonNode>> bodies = Poll.until(BOUND, () -> {
                List<JsonNode> received = receiver.deliveries().stream().map(d -> read(d.body())).toList();
                return received.stream().anyMatch(b -> "deepfake-guard.lockout".equals(b.path("type").asText()))
                        ? Optional.of(received) : Optional.empty();
            });

            assertThat(bodies).as("the lock alert, which is queued after the rate alert").isPresent();
            List<JsonNode> rate = bodies.get().stream()
                    .filter(b -> "deepfake-guard.deepfake-rate".equals(b.path("type").asText())).toList();
            assertThat(rate).singleElement().satisfies(alert -> {
                assertThat(alert.path("realm").asText()).isEqualTo(realm.name());
                assertThat(alert.path("count").asInt()).isEqualTo(3);
                assertThat(alert.path("threshold").asInt()).isEqualTo(2);
                assertThat(alert.path("windowSeconds").asInt()).isEqualTo(600);
            });
            assertThat(receiver.deliveries()).allMatch(delivery -> delivery.signedWith(SECRET));
            assertThat(receiver.deliveries()).noneMatch(delivery -> delivery.signedWith("another-secret"));
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
