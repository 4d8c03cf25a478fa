package dev.deepfakeguard.keycloak.scoring.http;

/**
 * Reason codes the {@code http} scorer adds to an unavailable result, next to
 * {@link dev.deepfakeguard.keycloak.contract.ReasonCodes#SCORER_UNAVAILABLE}. Documented in
 * {@code docs/http-scorer.md}; stable because events and audit records carry them.
 */
public final class HttpReasonCodes {

    /** No URL configured. */
    public static final String NOT_CONFIGURED = "scorer_not_configured";
    /** A setting is present but invalid (plain http to a remote host, timeout out of range, …). */
    public static final String MISCONFIGURED = "scorer_misconfigured";
    /** The vault reference of the API key resolved to nothing. */
    public static final String SECRET_UNAVAILABLE = "scorer_secret_unavailable";
    /** The API key is a literal in the realm's config, and the server does not allow literal secrets. */
    public static final String SECRET_LITERAL = "scorer_secret_literal";
    /** The URL's host is not one the operator allowed (for a vault key, or at all when allowed-hosts is set). */
    public static final String HOST_NOT_ALLOWED = "scorer_host_not_allowed";
    /** Keycloak's truststore could not be turned into a trust manager, or the TLS handshake failed. */
    public static final String TLS_ERROR = "scorer_tls_error";
    /** Connect, read or call timeout. */
    public static final String TIMEOUT = "scorer_timeout";
    /** Connection refused, reset, DNS failure and other transport faults. */
    public static final String CONNECTION_ERROR = "scorer_connection_error";
    /** Any status other than 2xx, including redirects, which are never followed. */
    public static final String HTTP_ERROR = "scorer_http_error";
    /** The body is larger than the configured maximum. */
    public static final String RESPONSE_TOO_LARGE = "scorer_response_too_large";
    /** The body is not the JSON object of the contract. */
    public static final String MALFORMED_RESPONSE = "scorer_malformed_response";
    /** A score is not an integer within 0–10000. */
    public static final String SCORE_OUT_OF_RANGE = "scorer_score_out_of_range";
    /** The scorer has not finished ({@code state: pending}); this scorer does not poll. */
    public static final String PENDING = "scorer_pending";
    /** The scorer reported that it could not score the media ({@code state: failed}). */
    public static final String FAILED = "scorer_failed";
    /** An unexpected fault inside the scorer itself. */
    public static final String INTERNAL_ERROR = "scorer_internal_error";

    private HttpReasonCodes() {
    }
}
