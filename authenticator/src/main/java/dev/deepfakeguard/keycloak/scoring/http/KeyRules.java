package dev.deepfakeguard.keycloak.scoring.http;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's rules, server-wide, for what the http scorer may send where. A realm admin edits the authenticator
 * config (URL and key reference) and can read it back with view-realm; the operator controls the vault and these
 * options, so the operator decides where a vault secret may go:
 *
 * <ul>
 *   <li>A literal API key is refused (it sits readable in the realm) unless {@code allow-literal-secrets} is on,
 *       which is meant for development only.</li>
 *   <li>A key from the vault is sent only to a host listed in {@code allowed-hosts}: an admin who points the URL at a
 *       host of their own gets the fallback, not the operator's key. Keycloak has no save-time hook for authenticator
 *       configs, and a vault reference is no secret (re-typing it proves nothing), so the binding of secret to host
 *       must come from the operator, not from the config.</li>
 *   <li>With {@code allowed-hosts} set, no other host is called at all, key or not: the frames are biometric data.</li>
 * </ul>
 */
record KeyRules(boolean allowLiteralSecrets, Set<String> allowedHosts) {

    KeyRules {
        allowedHosts = allowedHosts.stream().map(KeyRules::normalise).collect(Collectors.toUnmodifiableSet());
    }

    /** No literal keys, no host allowed for a vault key: what an unconfigured server does. */
    static KeyRules strict() {
        return new KeyRules(false, Set.of());
    }

    /** @throws ScorerFault when the call must not be made as configured */
    void check(HttpScorerConfig config) throws ScorerFault {
        String host = normalise(config.url().getHost());
        boolean listed = allowedHosts.contains(host);
        if (!allowedHosts.isEmpty() && !listed) {
            throw new ScorerFault(HttpReasonCodes.HOST_NOT_ALLOWED, "host " + host + " is not in allowed-hosts");
        }
        if (!config.hasApiKey()) {
            return;
        }
        if (!config.apiKeyIsVaultReference()) {
            if (!allowLiteralSecrets) {
                throw new ScorerFault(HttpReasonCodes.SECRET_LITERAL, HttpScorerConfig.API_KEY + " holds a literal "
                        + "key, refused: put it in the vault and configure ${vault.<entry>}");
            }
            return;
        }
        if (!listed) {
            throw new ScorerFault(HttpReasonCodes.HOST_NOT_ALLOWED, "a vault key is sent only to hosts in "
                    + "allowed-hosts, and " + host + " is not one");
        }
    }

    private static String normalise(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.toLowerCase(Locale.ROOT);
    }
}
