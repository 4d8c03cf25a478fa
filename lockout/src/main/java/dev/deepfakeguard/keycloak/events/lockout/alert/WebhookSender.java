package dev.deepfakeguard.keycloak.events.lockout.alert;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Signs one alert and POSTs it to the realm's webhook; the outcome is a coarse code with a detail for the log. */
final class WebhookSender {

    static final String DELIVERY_HEADER = "X-Deepfake-Guard-Delivery";
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http;
    private final Clock clock;

    WebhookSender(OkHttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** @return empty when the receiver accepted the alert (2xx) */
    Optional<AlertFailure> send(Delivery delivery) {
        long timestamp = clock.instant().getEpochSecond();
        Request request = new Request.Builder().url(delivery.url().toString())
                .header(WebhookSignature.HEADER, WebhookSignature.header(delivery.secret(), timestamp, delivery.id(),
                        delivery.payload()))
                .header(DELIVERY_HEADER, delivery.id())
                .post(RequestBody.create(delivery.payload(), JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            // The body is never read: nothing of what the receiver says goes anywhere.
            return response.isSuccessful() ? Optional.empty()
                    : Optional.of(new AlertFailure(AlertFailure.DELIVERY_FAILED, "HTTP " + response.code()));
        } catch (IOException e) {
            return Optional.of(new AlertFailure(AlertFailure.DELIVERY_FAILED, e.getClass().getSimpleName()));
        }
    }
}
