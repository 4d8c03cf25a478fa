package dev.deepfakeguard.keycloak.events.lockout.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** What a delivery attempt reports back: a coarse code, whatever the receiver (or the admin's URL) answered. */
class WebhookSenderTest {

    private static final byte[] SECRET = "webhook-secret".getBytes(StandardCharsets.UTF_8);
    private static final String PAYLOAD = "{\"type\":\"deepfake-guard.lockout\"}";

    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(5, TimeUnit.SECONDS).build();
    private final WebhookSender sender = new WebhookSender(http,
            Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC));

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    void acceptedDeliveryIsSignedOverTimeIdAndBody() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(204));

        Optional<AlertFailure> failure = sender.send(delivery(server.url("/hook").uri()));

        assertThat(failure).isEmpty();
        RecordedRequest received = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(received.getHeader(WebhookSender.DELIVERY_HEADER)).isEqualTo("delivery-1");
        assertThat(WebhookSignature.verify(SECRET, received.getHeader(WebhookSignature.HEADER), "delivery-1",
                received.getBody().readUtf8())).isTrue();
    }

    @Test
    @DisplayName("Given a receiver that answers an error with a body, then only 'delivery_failed' is reported; the "
            + "status and body stay in the log detail")
    void errorAnswerIsCoarse() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("<h1>internal admin panel v3.2</h1>"));

        AlertFailure failure = sender.send(delivery(server.url("/hook").uri())).orElseThrow();

        assertThat(failure.code()).isEqualTo(AlertFailure.DELIVERY_FAILED);
        assertThat(failure.detail()).isEqualTo("HTTP 404").doesNotContain("admin panel");
    }

    @Test
    @DisplayName("Given nothing listening at the URL, then the code is the same as for an error answer")
    void refusedConnectionIsCoarse() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }

        AlertFailure failure = sender.send(delivery(URI.create("http://127.0.0.1:" + closed + "/hook")))
                .orElseThrow();

        assertThat(failure.code()).isEqualTo(AlertFailure.DELIVERY_FAILED);
    }

    @Test
    @DisplayName("Given an error text stored by an earlier version, then the admin API shows only the coarse code")
    void storedDetailsAreNotShown() {
        assertThat(AlertFailure.shown("ConnectException")).isEqualTo(AlertFailure.DELIVERY_FAILED);
        assertThat(AlertFailure.shown("HTTP 401")).isEqualTo(AlertFailure.DELIVERY_FAILED);
        assertThat(AlertFailure.shown(AlertFailure.SECRET_UNAVAILABLE)).isEqualTo(AlertFailure.SECRET_UNAVAILABLE);
        assertThat(AlertFailure.shown(null)).isNull();
    }

    private static Delivery delivery(URI url) {
        return new Delivery("delivery-1", AlertChannel.WEBHOOK, PAYLOAD, url, SECRET, null);
    }
}
