package dev.deepfakeguard.keycloak.scoring.http;

import dev.deepfakeguard.keycloak.contract.LoopbackHost;
import dev.deepfakeguard.keycloak.contract.VaultReference;
import dev.deepfakeguard.keycloak.scoring.ScorerSettings;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The per-authenticator settings of the {@code http} scorer, read from the authenticator config and validated once.
 *
 * @param url              endpoint that receives the scoring request; https unless the host is loopback
 * @param apiKey           a vault reference such as {@code ${vault.scorer_api_key}}, a literal key (refused unless the
 *                         server allows literal secrets), or empty for none
 * @param connectTimeout   TCP + TLS connect limit
 * @param readTimeout      limit on each read (and write) of the socket
 * @param callTimeout      limit on the whole call, including redirects refused, retries and reading the body
 * @param maxResponseBytes largest response body accepted; a larger one is never parsed
 * @param sendMedia        {@code true}: frames go inline; {@code false}: only a reference to the vendor's session
 */
public record HttpScorerConfig(URI url, String apiKey, Duration connectTimeout, Duration readTimeout,
                               Duration callTimeout, int maxResponseBytes, boolean sendMedia) {

    public static final String URL = "dfg.http.url";
    public static final String API_KEY = "dfg.http.apiKey";
    public static final String CONNECT_TIMEOUT_MILLIS = "dfg.http.connectTimeoutMillis";
    public static final String READ_TIMEOUT_MILLIS = "dfg.http.readTimeoutMillis";
    public static final String CALL_TIMEOUT_MILLIS = "dfg.http.callTimeoutMillis";
    public static final String MAX_RESPONSE_BYTES = "dfg.http.maxResponseBytes";
    public static final String SEND_MEDIA = "dfg.http.sendMedia";

    public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 2_000;
    public static final int DEFAULT_READ_TIMEOUT_MILLIS = 5_000;
    public static final int DEFAULT_CALL_TIMEOUT_MILLIS = 8_000;
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 16_384;
    public static final boolean DEFAULT_SEND_MEDIA = true;

    /** A login waits for the scorer; a minute is already far beyond what a person tolerates. */
    static final int MAX_TIMEOUT_MILLIS = 60_000;
    /** A verdict is a few hundred bytes; 1 MiB leaves room for verbose vendors without inviting memory abuse. */
    static final int MAX_RESPONSE_LIMIT = 1 << 20;
    static final int MIN_RESPONSE_LIMIT = 256;


    public HttpScorerConfig {
        if (url == null) {
            throw new IllegalArgumentException(URL + " missing");
        }
        apiKey = apiKey == null ? "" : apiKey;
        requireMillis(connectTimeout, CONNECT_TIMEOUT_MILLIS);
        requireMillis(readTimeout, READ_TIMEOUT_MILLIS);
        requireMillis(callTimeout, CALL_TIMEOUT_MILLIS);
        if (maxResponseBytes < MIN_RESPONSE_LIMIT || maxResponseBytes > MAX_RESPONSE_LIMIT) {
            throw new IllegalArgumentException(MAX_RESPONSE_BYTES + " must be within " + MIN_RESPONSE_LIMIT + "–"
                    + MAX_RESPONSE_LIMIT);
        }
        url = requireSafeUrl(url);
    }

    /**
     * Reads and validates the settings.
     *
     * @throws IllegalArgumentException naming the offending key (never its value, which may be a secret)
     */
    public static HttpScorerConfig from(ScorerSettings settings) {
        String url = settings.get(URL).orElseThrow(() -> new IllegalArgumentException(URL + " missing"));
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(URL + " is not a URL");
        }
        return new HttpScorerConfig(uri,
                settings.get(API_KEY).orElse(""),
                Duration.ofMillis(intSetting(settings, CONNECT_TIMEOUT_MILLIS, DEFAULT_CONNECT_TIMEOUT_MILLIS)),
                Duration.ofMillis(intSetting(settings, READ_TIMEOUT_MILLIS, DEFAULT_READ_TIMEOUT_MILLIS)),
                Duration.ofMillis(intSetting(settings, CALL_TIMEOUT_MILLIS, DEFAULT_CALL_TIMEOUT_MILLIS)),
                intSetting(settings, MAX_RESPONSE_BYTES, DEFAULT_MAX_RESPONSE_BYTES),
                booleanSetting(settings, SEND_MEDIA, DEFAULT_SEND_MEDIA));
    }

    /** True when the setting has a URL at all; lets the scorer tell "not configured" from "misconfigured". */
    public static boolean isConfigured(ScorerSettings settings) {
        return settings.get(URL).isPresent();
    }

    /** Whether {@link #apiKey()} names a Keycloak vault entry rather than holding the key itself. */
    public boolean apiKeyIsVaultReference() {
        return VaultReference.is(apiKey);
    }

    public boolean hasApiKey() {
        return !apiKey.isEmpty();
    }

    /** The properties the liveness authenticator factory appends to its own, so that admins can set these keys. */
    public static List<ProviderConfigProperty> configProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(URL).label("HTTP scorer – URL").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Endpoint of the external liveness scorer (used when the scorer is 'http'). Must be https, "
                        + "except for a loopback host such as http://127.0.0.1:8081/score. Redirects are not followed.")
                .add()
                .property().name(API_KEY).label("HTTP scorer – API key").type(ProviderConfigProperty.PASSWORD)
                .secret(true)
                .helpText("Sent as 'Authorization: Bearer <key>'. A vault reference such as ${vault.scorer_api_key}; "
                        + "the key is sent only to a host the server operator allowed (allowed-hosts). A literal key "
                        + "is refused: it would be readable by every admin who can view the realm. Leave empty if the "
                        + "scorer needs no key.")
                .add()
                .property().name(CONNECT_TIMEOUT_MILLIS).label("HTTP scorer – connect timeout (ms)")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(DEFAULT_CONNECT_TIMEOUT_MILLIS)
                .helpText("Longest wait for the connection (TCP and TLS). On timeout the scorer counts as unavailable "
                        + "and the configured fallback (step-up or deny) applies. 1–" + MAX_TIMEOUT_MILLIS + ".")
                .add()
                .property().name(READ_TIMEOUT_MILLIS).label("HTTP scorer – read timeout (ms)")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(DEFAULT_READ_TIMEOUT_MILLIS)
                .helpText("Longest silence between two reads or writes on the connection. 1–" + MAX_TIMEOUT_MILLIS
                        + ".")
                .add()
                .property().name(CALL_TIMEOUT_MILLIS).label("HTTP scorer – total timeout (ms)")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(DEFAULT_CALL_TIMEOUT_MILLIS)
                .helpText("Longest time for the whole call, from connecting to the last byte of the answer. The person "
                        + "waits this long at most. 1–" + MAX_TIMEOUT_MILLIS + ".")
                .add()
                .property().name(MAX_RESPONSE_BYTES).label("HTTP scorer – maximum answer size (bytes)")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(DEFAULT_MAX_RESPONSE_BYTES)
                .helpText("A larger answer is discarded unread and the scorer counts as unavailable. "
                        + MIN_RESPONSE_LIMIT + "–" + MAX_RESPONSE_LIMIT + ".")
                .add()
                .property().name(SEND_MEDIA).label("HTTP scorer – send frames")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(String.valueOf(DEFAULT_SEND_MEDIA))
                .helpText("On: the captured frames are sent to the scorer (base64 JPEG). Off: only the challenge id is "
                        + "sent, for vendors that captured the media themselves in their own session.")
                .add()
                .build();
    }

    @Override
    public String toString() {
        // The key may be a literal secret: show only whether one is set and how.
        return "HttpScorerConfig[url=" + url + ", apiKey=" + (hasApiKey() ? (apiKeyIsVaultReference() ? "vault" : "literal")
                : "none") + ", connect=" + connectTimeout.toMillis() + "ms, read=" + readTimeout.toMillis()
                + "ms, call=" + callTimeout.toMillis() + "ms, maxResponseBytes=" + maxResponseBytes + ", sendMedia="
                + sendMedia + "]";
    }

    private static URI requireSafeUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException(URL + " must be an absolute http(s) URL");
        }
        if (url.getRawUserInfo() != null) {
            // Credentials in a URL end up in logs and proxies; the key belongs in the vault.
            throw new IllegalArgumentException(URL + " must not contain credentials");
        }
        if (url.getRawFragment() != null) {
            throw new IllegalArgumentException(URL + " must not contain a fragment");
        }
        if (scheme.equals("http") && !isLoopback(url.getHost())) {
            throw new IllegalArgumentException(URL + " must use https unless the host is loopback");
        }
        return url;
    }

    /** Loopback by name or literal address only; no DNS lookup, so a DNS answer cannot downgrade to plain http. */
    static boolean isLoopback(String host) {
        return LoopbackHost.is(host);
    }

    private static void requireMillis(Duration value, String key) {
        if (value == null || value.toMillis() < 1 || value.toMillis() > MAX_TIMEOUT_MILLIS) {
            throw new IllegalArgumentException(key + " must be within 1–" + MAX_TIMEOUT_MILLIS);
        }
    }

    private static int intSetting(ScorerSettings settings, String key, int fallback) {
        String value = settings.get(key).orElse(null);
        if (value == null) {
            return fallback;
        }
        if (!value.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException(key + " must be a whole number");
        }
        return Integer.parseInt(value);
    }

    private static boolean booleanSetting(ScorerSettings settings, String key, boolean fallback) {
        String value = settings.get(key).orElse(null);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false");
        };
    }
}
