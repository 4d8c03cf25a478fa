package dev.deepfakeguard.keycloak.scoring.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deepfakeguard.keycloak.scoring.ScoreResult;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;

import static dev.deepfakeguard.keycloak.scoring.http.ScoringRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

/** The face-reference part of the contract: reference out, match score back, and nothing a scorer was not asked. */
class HttpScorerFaceMatchTest {

    private static final String WITH_MATCH = """
            {"state":"completed","livenessScore":9100,"syntheticScore":100,"modelVersion":"acme-2.3",\
            "matchScore":9312}""";

    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient client = new OkHttpClient();
    private final HttpScorer scorer = new HttpScorer(() -> client, reference -> Optional.empty(),
            new KeyRules(false, Set.of("127.0.0.1")));

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

    private ScoringRequests toServer() {
        return request().url("http://127.0.0.1:" + server.getPort() + "/score");
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    @Test
    void sendsTheVendorFaceIdAndReadsTheMatchScore() throws Exception {
        server.enqueue(json(WITH_MATCH));

        ScoreResult result = scorer.score(toServer().vendorFaceId("f3a1c2d4-0b7e-4c1d-9a55-1e2f3a4b5c6d").build());

        RecordedRequest sent = server.takeRequest();
        assertThat(new ObjectMapper().readTree(sent.getBody().readUtf8()).path("faceReference")
                .path("vendorFaceId").asText()).isEqualTo("f3a1c2d4-0b7e-4c1d-9a55-1e2f3a4b5c6d");
        assertThat(result.matchScore()).hasValue(9312);
    }

    @Test
    void dropsAMatchScoreItWasNotAskedFor() throws Exception {
        server.enqueue(json(WITH_MATCH));

        ScoreResult result = scorer.score(toServer().build());

        assertThat(new ObjectMapper().readTree(server.takeRequest().getBody().readUtf8()).has("faceReference"))
                .isFalse();
        assertThat(result.isCompleted()).isTrue();
        assertThat(result.matchScore()).isEmpty();
    }

    @Test
    void matchScoreOutOfRangeIsNoVerdict() {
        server.enqueue(json(WITH_MATCH.replace("9312", "10001")));

        ScoreResult result = scorer.score(toServer().vendorFaceId("face-1").build());

        assertThat(result.isCompleted()).isFalse();
        assertThat(result.reasonCodes()).contains(HttpReasonCodes.SCORE_OUT_OF_RANGE);
    }

    @Test
    void vendorFaceIdThatCouldInjectIsNotSent() throws Exception {
        server.enqueue(json(WITH_MATCH));

        scorer.score(toServer().vendorFaceId("a\",\"subject\":\"x").build());

        assertThat(new ObjectMapper().readTree(server.takeRequest().getBody().readUtf8()).has("faceReference"))
                .isFalse();
    }
}
