package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jsoup.nodes.Element;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A public OIDC client as a browser uses it: one user agent (its own cookie jar, so its own SSO session) starting
 * authorization-code requests with PKCE S256 and redeeming the code at the token endpoint.
 */
public final class RelyingParty {

    /** Matches the demo client's {@code http://localhost:8080/*}; never listened on, the walk stops at it. */
    public static final String DEMO_APP_CALLBACK = "http://localhost:8080/dfg-it/callback";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** As LoginDriver's: a page's first render on a cold, loaded server. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final KeycloakServer server;
    private final String realm;
    private final String clientId;
    private final String redirectUri;
    private final LoginDriver driver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String codeVerifier;

    private RelyingParty(KeycloakServer server, String realm, String clientId, String redirectUri) {
        this.server = server;
        this.realm = realm;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
        this.driver = new LoginDriver(server, realm, redirectUri);
    }

    /** The example realm's {@code demo-app}. */
    public static RelyingParty demoApp(KeycloakServer server, String realm) {
        return new RelyingParty(server, realm, "demo-app", DEMO_APP_CALLBACK);
    }

    /** The realm's admin console, as its own script signs in. */
    public static RelyingParty adminConsole(KeycloakServer server, String realm) {
        return new RelyingParty(server, realm, "security-admin-console",
                server.baseUrl() + "/admin/" + realm + "/console/");
    }

    /** Starts a sign-in with a fresh PKCE pair; {@code extra} adds request parameters such as {@code acr_values}. */
    public NextStep authorize(Map<String, String> extra) {
        codeVerifier = randomToken(48);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", clientId);
        params.put("redirect_uri", redirectUri);
        params.put("response_type", "code");
        params.put("response_mode", "query");
        params.put("scope", "openid");
        params.put("state", randomToken(12));
        params.put("nonce", randomToken(12));
        params.put("code_challenge", challengeOf(codeVerifier));
        params.put("code_challenge_method", "S256");
        params.putAll(extra);
        return new NextStep(driver, driver.get(URI.create(server.realmUrl(realm) + "/protocol/openid-connect/auth?"
                + form(params))));
    }

    public NextStep authorize() {
        return authorize(Map.of());
    }

    /** A sign-in that must show the username/password form. */
    public LoginPage login() {
        return loginForm(authorize());
    }

    /** @throws AssertionError when {@code step} is not Keycloak's username/password form */
    public static LoginPage loginForm(NextStep step) {
        Page page = step.page();
        if (page.status() != 200 || page.document().selectFirst("form#kc-form-login input[name=username]") == null) {
            throw new AssertionError("expected the login form, got " + page.describe());
        }
        return new LoginPage(step.driver(), page);
    }

    /** Follows the login page's "Forgot password?" link. */
    public ResetCredentialsPage forgotPassword(LoginPage login) {
        Element link = login.page().document().selectFirst("a[href*=/login-actions/reset-credentials]");
        if (link == null) {
            throw new AssertionError("no 'Forgot password?' link on " + login.page().describe());
        }
        return ResetCredentialsPage.expect(new NextStep(driver, driver.get(URI.create(link.absUrl("href")))));
    }

    /** Opens a link (e.g. from an e-mail) in this user agent. */
    public NextStep open(String url) {
        return new NextStep(driver, driver.get(URI.create(url)));
    }

    /** True when the flow ended with a redirect back to this client carrying a code. */
    public boolean isCodeRedirect(Page page) {
        return code(page).isPresent();
    }

    public Optional<String> code(Page page) {
        return page.location().filter(location -> location.startsWith(redirectUri))
                .flatMap(location -> queryParameter(URI.create(location), "code"));
    }

    /** Redeems the code of {@code codeRedirect} at the token endpoint with the PKCE verifier of the request. */
    public Tokens redeem(Page codeRedirect) {
        String code = code(codeRedirect).orElseThrow(() -> new AssertionError("no code redirect to " + redirectUri
                + ": " + codeRedirect.describe()));
        String body = form(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri,
                "client_id", clientId, "code_verifier", codeVerifier));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.realmUrl(realm)
                        + "/protocol/openid-connect/token"))
                .timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new AssertionError("token endpoint answered " + response.statusCode() + ": " + response.body()
                    + server.logHint());
        }
        try {
            return Tokens.parse(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException("token response is not JSON", e);
        }
    }

    /** An admin REST GET with the access token, as the admin console's script calls it; returns the status. */
    public int adminApiStatus(Tokens tokens, String path) {
        HttpRequest request = HttpRequest.newBuilder(server.uri(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + tokens.accessToken())
                .header("Accept", "application/json").GET().build();
        return send(request).statusCode();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri() + server.logHint(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static Optional<String> queryParameter(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        return Arrays.stream(query.split("&")).map(pair -> pair.split("=", 2))
                .filter(pair -> pair.length == 2 && pair[0].equals(name))
                .map(pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)).findFirst();
    }

    private static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
