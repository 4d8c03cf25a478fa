package dev.deepfakeguard.keycloak.scoring.http;

import dev.deepfakeguard.keycloak.scoring.LivenessScorer;
import dev.deepfakeguard.keycloak.scoring.ScoreResult;
import dev.deepfakeguard.keycloak.scoring.ScoringRequest;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jboss.logging.Logger;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks an external scorer over HTTP (contract: {@code docs/scorer-api.openapi.yaml}). Every fault becomes an
 * unavailable result with a specific reason code, so that the policy's fallback, never an allow, applies.
 */
final class HttpScorer implements LivenessScorer {

    private static final Logger LOG = Logger.getLogger(HttpScorer.class);
    private static final MediaType JSON = MediaType.get("application/json");

    private final HttpClientSource clients;
    private final SecretResolver secrets;
    private final KeyRules rules;

    /**
     * @param clients the shared client (with Keycloak's trust); per-call timeouts are derived from it
     * @param secrets resolves vault references of the API key
     * @param rules   the operator's rules for keys and hosts
     */
    HttpScorer(HttpClientSource clients, SecretResolver secrets, KeyRules rules) {
        this.clients = clients;
        this.secrets = secrets;
        this.rules = rules;
    }

    @Override
    public ScoreResult score(ScoringRequest request) {
        long started = System.nanoTime();
        try {
            ScoreResult result = call(request);
            LOG.debugf("http scorer completed: requestId=%s elapsedMs=%d liveness=%d synthetic=%d model=%s",
                    request.requestId(), elapsedMillis(started), result.livenessScore(), result.syntheticScore(),
                    result.modelVersion());
            return result;
        } catch (ScorerFault fault) {
            LOG.warnf("http scorer unavailable: reason=%s status=%d elapsedMs=%d requestId=%s detail=%s",
                    fault.reasonCode(), fault.status(), elapsedMillis(started), request.requestId(),
                    fault.getMessage());
            return ScoreResult.unavailable(HttpScorerFactory.PROVIDER_ID, fault.reasonCode());
        } catch (RuntimeException e) {
            // A bug of ours must not turn into an allow or a 500 page; the exception type is enough to find it.
            LOG.errorf("http scorer unavailable: reason=%s elapsedMs=%d requestId=%s error=%s",
                    HttpReasonCodes.INTERNAL_ERROR, elapsedMillis(started), request.requestId(),
                    e.getClass().getName());
            return ScoreResult.unavailable(HttpScorerFactory.PROVIDER_ID, HttpReasonCodes.INTERNAL_ERROR);
        }
    }

    private ScoreResult call(ScoringRequest request) throws ScorerFault {
        HttpScorerConfig config = config(request);
        rules.check(config);
        HttpUrl url = HttpUrl.get(config.url().toString());
        Request.Builder http = new Request.Builder()
                .url(url)
                .header("Idempotency-Key", request.requestId())
                .header("Accept", "application/json")
                .post(RequestBody.create(ScoringRequestJson.write(request, config.sendMedia()), JSON));
        apiKey(config).ifPresent(key -> http.header("Authorization", "Bearer " + key));

        try (Response response = perCall(config).newCall(http.build()).execute()) {
            int status = response.code();
            if (!response.isSuccessful()) {
                // Redirects land here too: following one could send frames and the key to another host.
                throw new ScorerFault(HttpReasonCodes.HTTP_ERROR, "non-2xx answer", status);
            }
            try {
                ScoreResult result = parse(response, config, request.requestId());
                // A match score answers a face reference we sent; without one it is noise or an attack on the policy.
                return request.vendorFaceId().isPresent() || result.matchScore().isEmpty() ? result
                        : ScoreResult.completed(result.livenessScore(), result.syntheticScore(), result.scorerId(),
                                result.modelVersion(), result.reasonCodes());
            } catch (ScorerFault fault) {
                throw fault.withStatus(status);
            }
        } catch (InterruptedIOException e) {
            // SocketTimeoutException (connect/read) and OkHttp's call timeout both arrive as this type.
            throw new ScorerFault(HttpReasonCodes.TIMEOUT, e.getClass().getSimpleName());
        } catch (SSLException e) {
            throw new ScorerFault(HttpReasonCodes.TLS_ERROR, e.getClass().getSimpleName());
        } catch (IOException e) {
            throw new ScorerFault(HttpReasonCodes.CONNECTION_ERROR, e.getClass().getSimpleName());
        }
    }

    private static ScoreResult parse(Response response, HttpScorerConfig config, String requestId)
            throws IOException, ScorerFault {
        ResponseBody body = response.body();
        if (body == null) {
            throw new ScorerFault(HttpReasonCodes.MALFORMED_RESPONSE, "no body");
        }
        MediaType type = body.contentType();
        if (type != null && !(type.subtype().equals("json") || type.subtype().endsWith("+json"))) {
            throw new ScorerFault(HttpReasonCodes.MALFORMED_RESPONSE, "content type is not JSON");
        }
        byte[] bytes = BoundedBody.read(body, config.maxResponseBytes());
        return ScoringResponseParser.parse(bytes, HttpScorerFactory.PROVIDER_ID, requestId);
    }

    private static HttpScorerConfig config(ScoringRequest request) throws ScorerFault {
        if (!HttpScorerConfig.isConfigured(request.settings())) {
            throw new ScorerFault(HttpReasonCodes.NOT_CONFIGURED, HttpScorerConfig.URL + " missing");
        }
        try {
            HttpScorerConfig config = HttpScorerConfig.from(request.settings());
            HttpUrl.get(config.url().toString());
            return config;
        } catch (IllegalArgumentException e) {
            // Our own messages name the key, never its value.
            throw new ScorerFault(HttpReasonCodes.MISCONFIGURED, e.getMessage());
        }
    }

    private Optional<String> apiKey(HttpScorerConfig config) throws ScorerFault {
        if (!config.hasApiKey()) {
            return Optional.empty();
        }
        String key;
        if (config.apiKeyIsVaultReference()) {
            key = secrets.resolve(config.apiKey()).filter(value -> !value.isBlank()).orElseThrow(
                    () -> new ScorerFault(HttpReasonCodes.SECRET_UNAVAILABLE, "vault reference resolved to nothing"));
        } else {
            key = config.apiKey(); // only when the server allows literal secrets (KeyRules)
        }
        if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            // Checked here because OkHttp's own message for a bad header value could echo it.
            throw new ScorerFault(HttpReasonCodes.MISCONFIGURED, "API key has characters not allowed in a header");
        }
        return Optional.of(key);
    }

    private OkHttpClient perCall(HttpScorerConfig config) throws ScorerFault {
        OkHttpClient shared;
        try {
            shared = clients.client();
        } catch (GeneralSecurityException e) {
            throw new ScorerFault(HttpReasonCodes.TLS_ERROR, "truststore unusable: " + e.getClass().getSimpleName());
        }
        // newBuilder() shares the pool and dispatcher; only the limits of this authenticator differ.
        return shared.newBuilder()
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
    }

    private static long elapsedMillis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
