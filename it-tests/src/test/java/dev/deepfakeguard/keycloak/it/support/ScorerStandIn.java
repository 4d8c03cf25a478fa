package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;

/**
 * A real HTTP scorer on loopback (MockWebServer) that gives every request the answer the story set last. A fixed
 * answer instead of a queue: a retry or an extra call cannot shift the answers of later stories.
 */
public final class ScorerStandIn implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final AtomicReference<MockResponse> answer = new AtomicReference<>(new MockResponse().setResponseCode(503));
    private final AtomicReference<Hold> hold = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<String> lowScored = ConcurrentHashMap.newKeySet();

    public ScorerStandIn() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                Hold held = hold.get();
                if (held == null && lowScored.isEmpty()) {
                    return answer.get();
                }
                String body = request.getBody().clone().readUtf8();
                if (held != null && body.contains(held.challengeId)) {
                    return held.answer();
                }
                if (lowScored.stream().anyMatch(body::contains)) {
                    return json("{\"state\":\"completed\",\"livenessScore\":1200,\"syntheticScore\":300,"
                            + "\"modelVersion\":\"stand-in-1\",\"reasonCodes\":[]}");
                }
                return answer.get();
            }
        });
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("scorer stand-in could not listen on loopback", e);
        }
    }

    /**
     * The URL to configure as {@code dfg.http.url}, with the address literal 127.0.0.1 as host: the test server
     * allows the http scorer only that host (its {@code allowed-hosts}), and MockWebServer would name the host by
     * its canonical name.
     */
    public String url() {
        return server.url("/v1/liveness/score").newBuilder().host("127.0.0.1").build().toString();
    }

    public int requestCount() {
        return server.getRequestCount();
    }

    /** The requests received since the last call, oldest first (headers and body as they arrived). */
    public List<RecordedRequest> drainRequests() {
        List<RecordedRequest> requests = new ArrayList<>();
        try {
            RecordedRequest request;
            while ((request = server.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
                requests.add(request);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the stand-in's requests", e);
        }
        return requests;
    }

    /** A completed verdict with the given scores in basis points. */
    public ScorerStandIn scores(int livenessScore, int syntheticScore) {
        return answer(json("{\"state\":\"completed\",\"livenessScore\":" + livenessScore + ",\"syntheticScore\":"
                + syntheticScore + ",\"modelVersion\":\"stand-in-1\",\"reasonCodes\":[]}"));
    }

    public ScorerStandIn live() {
        return scores(9600, 150);
    }

    public ScorerStandIn status(int code) {
        return answer(json("{\"error\":\"internal\"}").setResponseCode(code));
    }

    public ScorerStandIn body(String body) {
        return answer(json(body));
    }

    /**
     * From now on, the request that scores challenge {@code challengeId} is answered live only when the story calls
     * {@link Hold#release()}: a scoring that is still running while the story does other things. Other requests get
     * the current answer at once.
     */
    public Hold holdLiveAnswerFor(String challengeId) {
        Hold held = new Hold(challengeId, json("{\"state\":\"completed\",\"livenessScore\":9600,"
                + "\"syntheticScore\":150,\"modelVersion\":\"stand-in-1\",\"reasonCodes\":[]}"));
        hold.set(held);
        return held;
    }

    /** A held answer: the story waits until the scorer has the request, does its part, then lets the answer go. */
    public static final class Hold {
        private static final long MAX_HOLD_MINUTES = 2;
        private final String challengeId;
        private final MockResponse response;
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Hold(String challengeId, MockResponse response) {
            this.challengeId = challengeId;
            this.response = response;
        }

        private MockResponse answer() throws InterruptedException {
            arrived.countDown();
            if (!released.await(MAX_HOLD_MINUTES, TimeUnit.MINUTES)) {
                throw new IllegalStateException("held scorer answer never released");
            }
            return response;
        }

        /** @return whether the scoring request arrived within {@code timeout} */
        public boolean awaitRequest(Duration timeout) throws InterruptedException {
            return arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        public void release() {
            released.countDown();
        }
    }

    /** A verdict that arrives only after {@code delay}: beyond a small call timeout. */
    public ScorerStandIn slow(Duration delay) {
        MockResponse response = json("{\"state\":\"completed\",\"livenessScore\":9600,\"syntheticScore\":150,"
                + "\"modelVersion\":\"stand-in-1\",\"reasonCodes\":[]}");
        response.setHeadersDelay(delay.toMillis(), TimeUnit.MILLISECONDS);
        return answer(response);
    }

    /** A valid-looking verdict padded to {@code bytes}: more than the scorer may read. */
    public ScorerStandIn oversized(int bytes) {
        String prefix = "{\"state\":\"completed\",\"livenessScore\":9600,\"syntheticScore\":150,"
                + "\"modelVersion\":\"stand-in-1\",\"reasonCodes\":[],\"padding\":\"";
        return answer(json(prefix + "x".repeat(Math.max(0, bytes - prefix.length() - 2)) + "\"}"));
    }

    /**
     * From now on, the request that scores challenge {@code challengeId} gets a failing verdict whatever the current
     * answer: a person the scorer would refuse, among others it lets through.
     */
    public ScorerStandIn lowScoreFor(String challengeId) {
        lowScored.add(challengeId);
        return this;
    }

    /** Reads each request and never answers, keeping the connection open: a scorer that hangs. */
    public ScorerStandIn hang() {
        return answer(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    }

    /**
     * Stops listening and drops every open connection: from now on a connection to {@link #url()} is refused, as for
     * a scorer whose process is gone. For the end of a story; the stand-in does not listen again.
     */
    public ScorerStandIn refuseConnections() {
        try {
            close();
        } catch (UncheckedIOException e) {
            // a hung exchange that did not end in time; what counts is that nothing listens any more (below)
        }
        int port = server.getPort();
        Optional<Boolean> refused = Poll.until(Duration.ofSeconds(30), () -> {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return Optional.empty();
            } catch (IOException e) {
                return Optional.of(true);
            }
        });
        if (refused.isEmpty()) {
            throw new IllegalStateException("the scorer stand-in still accepts connections on port " + port);
        }
        return this;
    }

    /** Closes the connection before answering, as a crashed scorer would. */
    public ScorerStandIn hangUp() {
        return answer(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    }

    private ScorerStandIn answer(MockResponse response) {
        answer.set(response);
        return this;
    }

    private static MockResponse json(String body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body);
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            server.shutdown();
        } catch (IOException e) {
            throw new UncheckedIOException("scorer stand-in did not shut down", e);
        }
    }
}
