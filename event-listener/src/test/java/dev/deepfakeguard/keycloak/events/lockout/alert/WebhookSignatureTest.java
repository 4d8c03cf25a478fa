package dev.deepfakeguard.keycloak.events.lockout.alert;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    private static final byte[] SECRET = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
    private static final String BODY = "{\"type\":\"deepfake-guard.lockout\"}";

    @Test
    void matchesAnIndependentHmacComputation() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal(("1700000000." + BODY)
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(WebhookSignature.header(SECRET, 1_700_000_000L, BODY)).isEqualTo("t=1700000000,v1=" + expected);
    }

    @Test
    void verifiesItsOwnHeaderAndRejectsTampering() {
        String header = WebhookSignature.header(SECRET, 1_700_000_000L, BODY);

        assertThat(WebhookSignature.verify(SECRET, header, BODY)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, header, BODY + " ")).isFalse();
        assertThat(WebhookSignature.verify("other".getBytes(StandardCharsets.UTF_8), header, BODY)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, header.replace("t=1700000000", "t=1700000001"), BODY)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "v1=zz", BODY)).isFalse();
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
