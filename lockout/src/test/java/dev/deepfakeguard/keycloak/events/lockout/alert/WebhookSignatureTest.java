package dev.deepfakeguard.keycloak.events.lockout.alert;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    private static final byte[] SECRET = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
    private static final String BODY = "{\"type\":\"deepfake-guard.lockout\"}";
    private static final String ID = "3f0c2a6e-5a0b-4c43-9d9a-0c1f5b7e2d11";

    @Test
    void matchesAnIndependentHmacComputation() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal(("1700000000." + ID + "." + BODY)
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(WebhookSignature.header(SECRET, 1_700_000_000L, ID, BODY))
                .isEqualTo("t=1700000000,v2=" + expected);
    }

    @Test
    void verifiesItsOwnHeaderAndRejectsTampering() {
        String header = WebhookSignature.header(SECRET, 1_700_000_000L, ID, BODY);

        assertThat(WebhookSignature.verify(SECRET, header, ID, BODY)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, header, ID, BODY + " ")).isFalse();
        assertThat(WebhookSignature.verify("other".getBytes(StandardCharsets.UTF_8), header, ID, BODY)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, header.replace("t=1700000000", "t=1700000001"), ID, BODY))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, "v2=zz", ID, BODY)).isFalse();
    }

    @Test
    @DisplayName("Given a delivery replayed under a new delivery id, then its signature does not verify")
    void deliveryIdIsSigned() {
        String header = WebhookSignature.header(SECRET, 1_700_000_000L, ID, BODY);

        assertThat(WebhookSignature.verify(SECRET, header, "an-unseen-id", BODY)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, header, null, BODY)).isFalse();
    }

    @Test
    void backsOffExponentiallyUpToAnHour() {
        Duration first = Duration.ofSeconds(30);

        assertThat(AlertWorker.backoff(first, 1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(AlertWorker.backoff(first, 2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(AlertWorker.backoff(first, 4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(AlertWorker.backoff(first, 50)).isEqualTo(Duration.ofHours(1));
    }
}
