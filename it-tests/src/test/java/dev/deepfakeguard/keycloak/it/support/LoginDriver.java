package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One browser-like user agent speaking plain HTTP: its own cookie jar (so its own authentication session), and
 * redirects followed by hand so that it can stop at the redirect back to the client.
 */
public final class LoginDriver {

    private static final int MAX_REDIRECTS = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final KeycloakServer server;
    private final String realm;
    private final HttpClient http;
    private final String callbackPrefix;
    /** The client address a trusted reverse proxy reports for this user agent; none: the connection's own. */
    private String forwardedFor;

    public LoginDriver(KeycloakServer server, String realm) {
        this(server, realm, RealmBuilder.REDIRECT_URI);
    }

    /** A user agent of a client whose redirect URI starts with {@code callbackPrefix}: redirects there end a walk. */
    public LoginDriver(KeycloakServer server, String realm, String callbackPrefix) {
        this.server = server;
        this.realm = realm;
        this.callbackPrefix = callbackPrefix;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new LoopbackCookieHandler())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * Sends {@code X-Forwarded-For: clientAddress} with every request from now on, as a reverse proxy in front of
     * Keycloak would (the test server trusts proxy headers from loopback only).
     */
    public LoginDriver forwardedFor(String clientAddress) {
        this.forwardedFor = clientAddress;
        return this;
    }

    /** Starts an authorization-code login of the test client and returns the username/password form. */
    public LoginPage open() {
        String query = form(Map.of("client_id", RealmBuilder.CLIENT_ID, "redirect_uri", RealmBuilder.REDIRECT_URI,
                "response_type", "code", "scope", "openid", "state", "it-state", "nonce", "it-nonce"));
        Page page = get(URI.create(server.realmUrl(realm) + "/protocol/openid-connect/auth?" + query));
        return new LoginPage(this, page);
    }

    /** Shortcut for the stories that start at the liveness step: open, log in with the test user's password. */
    public LivenessPage openLiveness() {
        return openLiveness(RealmBuilder.USERNAME);
    }

    /** The same for another user of the realm who has the test password. */
    public LivenessPage openLiveness(String username) {
        return open().login(username, RealmBuilder.PASSWORD).asLiveness();
    }

    Page get(URI uri) {
        return follow(send(HttpRequest.newBuilder(uri).GET()));
    }

    Page post(URI uri, Map<String, String> fields) {
        return follow(send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)))));
    }

    private Page follow(Page page) {
        Page current = page;
        for (int hops = 0; hops < MAX_REDIRECTS; hops++) {
            if (current.location().isEmpty() || current.isCodeRedirect()
                    || current.location().get().startsWith(callbackPrefix)) {
                return current;
            }
            current = send(HttpRequest.newBuilder(current.uri().resolve(current.location().get())).GET());
        }
        throw new AssertionError("more than " + MAX_REDIRECTS + " redirects, last: " + current.describe());
    }

    private Page send(HttpRequest.Builder builder) {
        builder.timeout(TIMEOUT).header("Accept", "text/html");
        if (forwardedFor != null) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Optional<String> location = isRedirect(response.statusCode())
                    ? response.headers().firstValue("Location") : Optional.empty();
            return new Page(response.statusCode(), request.uri(), location, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + server.logHint(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
