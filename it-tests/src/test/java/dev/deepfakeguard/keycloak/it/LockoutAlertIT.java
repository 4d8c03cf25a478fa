package dev.deepfakeguard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.LockoutApi;
import dev.deepfakeguard.keycloak.it.support.LockoutRealm;
import dev.deepfakeguard.keycloak.it.support.LoginDriver;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.Poll;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.it.support.WebhookAlertStory;
import dev.deepfakeguard.keycloak.it.support.WebhookReceiver;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/** A lock is reported to the security team's webhook, signed, even when the receiver is down for a while. */
class LockoutAlertIT extends WebhookAlertStory {

    /** Kept in Keycloak's file vault; the realm holds only the reference. */
    private static final String SECRET = "it-webhook-secret-0123456789";

    LockoutAlertIT(KeycloakServer server, AdminClient admin) {
        super(server, admin);
    }

    @Test
    @DisplayName("Given the webhook receiver is down when a lock happens, then delivery is retried and the signed "
            + "alert arrives once it is back, while sign-in answers were never held up")
    void webhookSurvivesReceiverOutage() throws Exception {
        ObjectNode representation = LockoutRealm.withWebhook("dfg-alert", scorer.url(), 1, receiver.url(), SECRET);
        try (ManagedRealm realm = admin.createRealm(representation)) {
            LockoutApi api = new LockoutApi(admin, realm.name());
            scorer.scores(1000, 200);
            LivenessPage page = new LoginDriver(server, realm.name()).openLiveness();
            long started = System.nanoTime();

            page.submitNow(Submission.of(page, SyntheticFrames.following(page.challenge(), 91)));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            Optional<JsonNode> failedOnce = Poll.until(BOUND, () -> api.alerts().stream()
                    .filter(alert -> alert.path("attempts").asInt() >= 1).findFirst());
            assertThat(failedOnce).as("a failed delivery attempt while the receiver is down").isPresent();
            assertThat(failedOnce.get().path("state").asText()).isEqualTo("pending");
            // A coarse status only: the admin API must not tell a realm admin what is listening where.
            assertThat(failedOnce.get().path("lastError").asText()).isEqualTo("delivery_failed");

            receiver.comeUp();

            Optional<List<WebhookReceiver.Delivery>> delivered = Poll.until(BOUND, () -> Optional.of(
                    receiver.deliveries()).filter(list -> !list.isEmpty()));
            assertThat(delivered).isPresent();
            WebhookReceiver.Delivery delivery = delivered.get().get(0);
            assertThat(verify(delivery.signature(), delivery.deliveryId(), delivery.body()))
                    .as("HMAC-SHA256 signature over the time, the delivery id and the body").isTrue();
            assertThat(verify(delivery.signature(), "replayed-" + delivery.deliveryId(), delivery.body()))
                    .as("the same body under another delivery id").isFalse();
            JsonNode alert = JSON.readTree(delivery.body());
            assertThat(alert.path("type").asText()).isEqualTo("deepfake-guard.lockout");
            assertThat(alert.path("subjectKind").asText()).isEqualTo("user");
            assertThat(alert.path("username").asText()).isEqualTo(RealmBuilder.USERNAME);
            assertThat(alert.path("level").asText()).isEqualTo("temporary");
            assertThat(Poll.until(BOUND, () -> api.alerts().stream()
                    .filter(a -> "delivered".equals(a.path("state").asText())).findFirst())).isPresent();
        }
    }

    @Test
    @DisplayName("Given a literal webhook secret, then the configuration is refused: realm attributes are readable "
            + "with view-realm, so the secret belongs in the vault")
    void literalWebhookSecretIsRefused() {
        try (ManagedRealm realm = admin.createRealm(LockoutRealm.build("dfg-alert-literal", scorer.url(), Map.of()))) {
            HttpResponse<String> answer = new LockoutApi(admin, realm.name()).putConfigRaw(Map.of(
                    "webhook.url", receiver.url(), "webhook.secret", SECRET));

            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.body()).contains("deepfake-guard.lockout.webhook.secret").doesNotContain(SECRET);
        }
    }

    /** What a receiver does: recompute HMAC-SHA256 over "t.deliveryId.body" and compare in constant time. */
    private static boolean verify(String header, String deliveryId, String body) throws Exception {
        assertThat(header).matches("t=\\d+,v2=[0-9a-f]{64}");
        String timestamp = header.substring(2, header.indexOf(','));
        byte[] given = HexFormat.of().parseHex(header.substring(header.indexOf("v2=") + 3));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((timestamp + "." + deliveryId + "." + body).getBytes(StandardCharsets.UTF_8));
        return java.security.MessageDigest.isEqual(expected, given);
    }
}
