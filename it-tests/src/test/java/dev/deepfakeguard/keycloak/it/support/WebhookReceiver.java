package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on a fixed loopback port that can be down (nothing listening: connection refused) and come back,
 * as a real receiver's outage looks to the sender. While down, the port is held by a bound socket that does not
 * listen, so no other process on this shared machine can take it before the receiver comes up.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One delivery as received. */
    public record Delivery(String body, String signature, String deliveryId) {

        /** The signature header is HMAC-SHA256 with {@code secret} over the time, the delivery id and the body. */
        public boolean signedWith(String secret) {
            if (signature == null || !signature.matches("t=\\d+,v2=[0-9a-f]{64}")) {
                return false;
            }
            String timestamp = signature.substring(2, signature.indexOf(','));
            byte[] given = HexFormat.of().parseHex(signature.substring(signature.indexOf("v2=") + 3));
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                byte[] expected = mac.doFinal((timestamp + "." + deliveryId + "." + body)
                        .getBytes(StandardCharsets.UTF_8));
                return MessageDigest.isEqual(expected, given);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final int port;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    /** Holds the port while the receiver is down: bound, never listening, so a connection is refused. */
    private Socket placeholder;
    private HttpServer server;

    private WebhookReceiver(Socket placeholder) {
        this.placeholder = placeholder;
        this.port = placeholder.getLocalPort();
    }

    /** A receiver whose port is reserved but not listening yet. */
    public static WebhookReceiver down() {
        Socket placeholder = new Socket();
        try {
            // No SO_REUSEADDR: that would let another socket bind (and listen on) the same port beside it.
            placeholder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new WebhookReceiver(placeholder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not reserve a loopback port for the webhook receiver", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hooks/deepfake-guard";
    }

    public synchronized void comeUp() {
        try {
            placeholder.close();
            placeholder = null;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("port " + port + " taken while the receiver was down", e);
        }
        server.createContext("/hooks/deepfake-guard", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            deliveries.add(new Delivery(body, exchange.getRequestHeaders().getFirst("X-Deepfake-Guard-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Deepfake-Guard-Delivery")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
        if (placeholder != null) {
            try {
                placeholder.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not release port " + port, e);
            }
        }
    }
}
