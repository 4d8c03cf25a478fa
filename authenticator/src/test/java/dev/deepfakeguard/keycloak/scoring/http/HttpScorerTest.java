package dev.deepfakeguard.keycloak.scoring.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deepfakeguard.keycloak.contract.FlowKind;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.scoring.ScoreResult;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.deepfakeguard.keycloak.scoring.http.ScoringRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

class HttpScorerTest {

    private static final String VAULT_REF = "${vault.scorer_api_key}";
    private static final String KEY = "sk_live_7Hq2mZ";
    private static final String COMPLETED = """
            {"state":"completed","livenessScore":8731,"syntheticScore":120,"modelVersion":"acme-2.3",\
            "reasonCodes":["live_reflection"]}""";

    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient client = new OkHttpClient();
    private final HttpScorer scorer = scorer(new KeyRules(false, Set.of("127.0.0.1")));

    private HttpScorer scorer(KeyRules rules) {
        return new HttpScorer(() -> client, reference -> Optional.ofNullable(Map.of(VAULT_REF, KEY).get(reference)),
                rules);
    }

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    @Test
    void completedAnswerYieldsTheSameScores() {
        server.enqueue(json(COMPLETED));

        ScoreResult result = scorer.score(toServer().build());

        assertThat(result.isCompleted()).isTrue();
        assertThat(result.livenessScore()).isEqualTo(8731);
        assertThat(result.syntheticScore()).isEqualTo(120);
        assertThat(result.modelVersion()).isEqualTo("acme-2.3");
        assertThat(result.reasonCodes()).containsExactly("live_reflection");
        assertThat(result.scorerId()).isEqualTo(HttpScorerFactory.PROVIDER_ID);
    }

    @Test
    void requestCarriesBearerKeyIdempotencyKeyBindingAndFrames() throws Exception {
        server.enqueue(json(COMPLETED));

        scorer.score(toServer().set(HttpScorerConfig.API_KEY, VAULT_REF).flow(FlowKind.PASSWORD_RESET).build());

        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(sent.getMethod()).isEqualTo("POST");
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(sent.getHeader("Idempotency-Key")).isEqualTo(ScoringRequests.REQUEST_ID);
        assertThat(sent.getHeader("Content-Type")).startsWith("application/json");
        String text = sent.getBody().readUtf8();
        assertThat(text).doesNotContain(ScoringRequests.NONCE);
        JsonNode body = new ObjectMapper().readTree(text);
        assertThat(body.path("requestId").asText()).isEqualTo(ScoringRequests.REQUEST_ID);
        assertThat(body.path("subject").asText()).isEqualTo("subj-3b9f");
        assertThat(body.path("flow").asText()).isEqualTo("password_reset");
        assertThat(body.path("challenge").path("id").asText()).isEqualTo(ScoringRequests.CHALLENGE_ID);
        assertThat(body.path("challenge").path("binding").asText()).isEqualTo(sha256Base64Url(ScoringRequests.NONCE));
        assertThat(body.path("challenge").path("colours").toString()).isEqualTo("[\"#ff4848\",\"#48e648\"]");
        assertThat(body.path("challenge").path("stepMillis").asInt()).isEqualTo(600);
        assertThat(body.path("challenge").path("issuedAt").asLong()).isEqualTo(1_700_000_000_000L);
        assertThat(body.path("media").path("type").asText()).isEqualTo("frames");
        JsonNode frames = body.path("media").path("frames");
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).path("t").asLong()).isEqualTo(580);
        assertThat(Base64.getDecoder().decode(frames.get(1).path("jpeg").asText())).isEqualTo(ScoringRequests.JPEG_1);
        assertThat(body.path("client").path("deviceLabel").asText()).isEqualTo("FaceTime HD Camera");
        assertThat(body.path("client").path("width").asInt()).isEqualTo(320);
        assertThat(body.path("client").path("elapsedMillis").asLong()).isEqualTo(4_200);
    }

    @Test
    void withoutMediaOnlyTheSessionReferenceIsSent() throws Exception {
        server.enqueue(json(COMPLETED));

        scorer.score(toServer().set(HttpScorerConfig.SEND_MEDIA, "false").build());

        JsonNode media = new ObjectMapper().readTree(server.takeRequest(1, TimeUnit.SECONDS).getBody().readUtf8())
                .path("media");
        assertThat(media.path("type").asText()).isEqualTo("reference");
        assertThat(media.path("sessionReference").asText()).isEqualTo(ScoringRequests.CHALLENGE_ID);
        assertThat(media.has("frames")).isFalse();
    }

    @Test
    @DisplayName("Given a literal API key (readable by every admin with view-realm), then it is refused and nothing is "
            + "sent")
    void literalKeyIsRefusedWithoutCalling() {
        server.enqueue(json(COMPLETED));

        ScoreResult result = scorer.score(toServer().set(HttpScorerConfig.API_KEY, "literal-key-1").build());

        assertUnavailable(result, HttpReasonCodes.SECRET_LITERAL);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    @DisplayName("Given the server's development switch, then a literal key is sent")
    void literalKeyIsSentWhenTheServerAllowsLiterals() throws Exception {
        server.enqueue(json(COMPLETED));

        scorer(new KeyRules(true, Set.of())).score(toServer().set(HttpScorerConfig.API_KEY, "literal-key-1").build());

        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHeader("Authorization"))
                .isEqualTo("Bearer literal-key-1");
    }

    @ParameterizedTest(name = "Given allowed hosts {0}, then the vault key is not sent to 127.0.0.1")
    @ValueSource(strings = {"", "scorer.vendor.example", "localhost", "127.0.0.2"})
    void vaultKeyGoesOnlyToAnAllowedHost(String allowed) {
        Set<String> hosts = allowed.isEmpty() ? Set.of() : Set.of(allowed);
        server.enqueue(json(COMPLETED));

        ScoreResult result = scorer(new KeyRules(false, hosts))
                .score(toServer().set(HttpScorerConfig.API_KEY, VAULT_REF).build());

        assertUnavailable(result, HttpReasonCodes.HOST_NOT_ALLOWED);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    @DisplayName("Given allowed hosts, then a host not among them is not called at all, key or not")
    void allowedHostsKeepFramesFromOtherHosts() {
        server.enqueue(json(COMPLETED));

        ScoreResult result = scorer(new KeyRules(false, Set.of("scorer.vendor.example"))).score(toServer().build());

        assertUnavailable(result, HttpReasonCodes.HOST_NOT_ALLOWED);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    @DisplayName("Given no allowed hosts and no key, then any https or loopback host is called as before")
    void withoutKeyAndAllowListAnyHostIsCalled() {
        server.enqueue(json(COMPLETED));

        assertThat(scorer(KeyRules.strict()).score(toServer().build()).isCompleted()).isTrue();
    }

    @Test
    void withoutKeyNoAuthorizationHeaderIsSent() throws Exception {
        server.enqueue(json(COMPLETED));

        scorer.score(toServer().build());

        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHeader("Authorization")).isNull();
    }

    @Test
    void unresolvableVaultReferenceIsUnavailableWithoutCalling() {
        ScoreResult result = scorer.score(toServer().set(HttpScorerConfig.API_KEY, "${vault.missing}").build());

        assertUnavailable(result, HttpReasonCodes.SECRET_UNAVAILABLE);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void missingUrlIsNotConfigured() {
        assertUnavailable(scorer.score(request().build()), HttpReasonCodes.NOT_CONFIGURED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://scorer.example.com/score", "ftp://127.0.0.1/score", "not a url"})
    void unsafeOrInvalidUrlIsMisconfigured(String url) {
        assertUnavailable(scorer.score(request().url(url).build()), HttpReasonCodes.MISCONFIGURED);
    }

    @Test
    void readTimeoutIsUnavailable() {
        server.enqueue(json(COMPLETED).setHeadersDelay(2, TimeUnit.SECONDS));

        long started = System.nanoTime();
        ScoreResult result = scorer.score(toServer().set(HttpScorerConfig.READ_TIMEOUT_MILLIS, "200").build());

        assertUnavailable(result, HttpReasonCodes.TIMEOUT);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1_500);
    }

    @Test
    void callTimeoutIsUnavailableEvenWhenEveryReadIsQuick() {
        // 16 bytes every 100 ms: each read is within the read timeout, the whole answer is not within the call timeout.
        server.enqueue(json(COMPLETED).throttleBody(16, 100, TimeUnit.MILLISECONDS));

        long started = System.nanoTime();
        ScoreResult result = scorer.score(toServer()
                .set(HttpScorerConfig.READ_TIMEOUT_MILLIS, "1000")
                .set(HttpScorerConfig.CALL_TIMEOUT_MILLIS, "200")
                .build());

        assertUnavailable(result, HttpReasonCodes.TIMEOUT);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(900);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 404, 429, 500, 503})
    void nonSuccessStatusIsUnavailable(int status) {
        server.enqueue(json(COMPLETED).setResponseCode(status));

        assertUnavailable(scorer.score(toServer().build()), HttpReasonCodes.HTTP_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 307, 308})
    void redirectIsNotFollowed(int status) {
        server.enqueue(new MockResponse().setResponseCode(status).setHeader("Location", server.url("/elsewhere")));
        server.enqueue(json(COMPLETED));

        ScoreResult result = scorer.score(toServer().build());

        assertUnavailable(result, HttpReasonCodes.HTTP_ERROR);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "not json",
            "{",
            "[]",
            "null",
            "\"completed\"",
            "{\"state\":\"completed\",\"livenessScore\":9000,\"syntheticScore\":10,\"modelVersion\":\"m1\"} {}",
            "{\"state\":\"completed\",\"state\":\"completed\",\"livenessScore\":9000,\"syntheticScore\":10,"
                    + "\"modelVersion\":\"m1\"}",
            "{\"livenessScore\":9000,\"syntheticScore\":10,\"modelVersion\":\"m1\"}",
            "{\"state\":\"COMPLETED\",\"livenessScore\":9000,\"syntheticScore\":10,\"modelVersion\":\"m1\"}",
            "{\"state\":\"completed\",\"syntheticScore\":10,\"modelVersion\":\"m1\"}",
            "{\"state\":\"completed\",\"livenessScore\":9000,\"syntheticScore\":10}",
            "{\"state\":\"completed\",\"livenessScore\":9000,\"syntheticScore\":10,\"modelVersion\":\"m 1; drop\"}",
            "{\"state\":\"completed\",\"livenessScore\":9000,\"syntheticScore\":10,\"modelVersion\":\"m1\","
                    + "\"reasonCodes\":\"live\"}",
            "{\"state\":\"completed\",\"livenessScore\":9000,\"syntheticScore\":10,\"modelVersion\":\"m1\","
                    + "\"x\":[[[[[[[[[[1]]]]]]]]]]}"
    })
    void malformedAnswerIsUnavailable(String body) {
        server.enqueue(json(body));

        assertUnavailable(scorer.score(toServer().build()), HttpReasonCodes.MALFORMED_RESPONSE);
    }

    @Test
    void emptyBodyIsMalformed() {
        server.enqueue(new MockResponse().setBody(""));

        assertUnavailable(scorer.score(toServer().build()), HttpReasonCodes.MALFORMED_RESPONSE);
    }

    @Test
    void nonJsonContentTypeIsMalformed() {
        server.enqueue(new MockResponse().setHeader("Content-Type", "text/html").setBody(COMPLETED));

        assertUnavailable(scorer.score(toServer().build()), HttpReasonCodes.MALFORMED_RESPONSE);
    }

    @ParameterizedTest(name = "livenessScore {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "10001                 | scorer_score_out_of_range",
            "-1                    | scorer_score_out_of_range",
            "1.5                   | scorer_score_out_of_range",
            "9000.0                | scorer_score_out_of_range",
            "1e4                   | scorer_score_out_of_range",
            "99999999999999999999  | scorer_score_out_of_range",
            "'\"9000\"'            | scorer_malformed_response",
            "null                  | scorer_malformed_response",
            "true                  | scorer_malformed_response"
    })
    void scoreThatIsNotAnIntegerInRangeIsUnavailable(String score, String reason) {
        server.enqueue(json("{\"state\":\"completed\",\"livenessScore\":" + score
                + ",\"syntheticScore\":100,\"modelVersion\":\"m1\"}"));

        assertUnavailable(scorer.score(toServer().build()), reason);
    }

    @Test
    void syntheticScoreIsCheckedLikeTheLivenessScore() {
        server.enqueue(json("{\"state\":\"completed\",\"livenessScore\":9000,\"syntheticScore\":10001,"
                + "\"modelVersion\":\"m1\"}"));

        assertUnavailable(scorer.score(toServer().build()), HttpReasonCodes.SCORE_OUT_OF_RANGE);
    }

    @ParameterizedTest
    @CsvSource({"pending, scorer_pending", "failed, scorer_failed"})
    void unfinishedOrFailedStateIsUnavailable(String state, String reason) {
        server.enqueue(json("{\"state\":\"" + state + "\",\"livenessScore\":9999,\"syntheticScore\":0,"
                + "\"modelVersion\":\"m1\"}"));

        assertUnavailable(scorer.score(toServer().build()), reason);
    }

    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = {false, true})
    void oneMebibyteAnswerIsTooLarge(boolean chunked) {
        Buffer huge = new Buffer().writeUtf8(COMPLETED).writeUtf8(" ".repeat((1 << 20) - COMPLETED.length()));
        MockResponse response = new MockResponse().setHeader("Content-Type", "application/json");
        server.enqueue(chunked ? response.setChunkedBody(huge, 8_192) : response.setBody(huge));

        assertUnavailable(scorer.score(toServer().build()), HttpReasonCodes.RESPONSE_TOO_LARGE);
    }

    @ParameterizedTest(name = "{0} bytes with a limit of 256")
    @CsvSource({"256, true", "257, false"})
    void sizeLimitIsExact(int size, boolean completed) {
        String padded = COMPLETED + " ".repeat(size - COMPLETED.length());
        server.enqueue(new MockResponse().setChunkedBody(padded, 64));

        ScoreResult result = scorer.score(toServer().set(HttpScorerConfig.MAX_RESPONSE_BYTES, "256").build());

        assertThat(result.isCompleted()).isEqualTo(completed);
    }

    @Test
    void reasonCodesThatAreNotLowerSnakeAreDropped() {
        server.enqueue(json("{\"state\":\"completed\",\"livenessScore\":7000,\"syntheticScore\":300,"
                + "\"modelVersion\":\"m1\",\"reasonCodes\":[\"live_reflection\",\"DROP TABLE\",42,\"<script>\","
                + "\"live_reflection\",\"screen_glare\"]}"));

        ScoreResult result = scorer.score(toServer().build());

        assertThat(result.isCompleted()).isTrue();
        assertThat(result.reasonCodes()).containsExactly("live_reflection", "screen_glare");
    }

    @Test
    void refusedConnectionIsUnavailable() throws IOException {
        String url = toServer().build().settings().get(HttpScorerConfig.URL).orElseThrow();
        server.shutdown();

        assertUnavailable(scorer.score(request().url(url).build()), HttpReasonCodes.CONNECTION_ERROR);
    }

    private ScoringRequests toServer() {
        return request().url("http://127.0.0.1:" + server.getPort() + "/score");
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    private static void assertUnavailable(ScoreResult result, String reason) {
        assertThat(result.isCompleted()).isFalse();
        assertThat(result.livenessScore()).isZero();
        assertThat(result.reasonCodes()).containsExactly(ReasonCodes.SCORER_UNAVAILABLE, reason);
    }

    private static String sha256Base64Url(String value) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
