package dev.deepfakeguard.keycloak.scoring.http;

import dev.deepfakeguard.keycloak.scoring.LivenessScorer;
import dev.deepfakeguard.keycloak.scoring.LivenessScorerFactory;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.truststore.TruststoreProvider;
import org.keycloak.vault.VaultStringSecret;

import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code http} scorer. Owns the one OkHttp client of the server (bounded connection pool, dispatcher) so that
 * every login reuses warm TLS connections to the vendor. Server-wide options:
 * {@code --spi-deepfake-guard-scorer-http-max-idle-connections} and {@code …-keep-alive-seconds}.
 */
public final class HttpScorerFactory implements LivenessScorerFactory {

    public static final String PROVIDER_ID = "http";

    static final String MAX_IDLE_CONNECTIONS = "max-idle-connections";
    static final String KEEP_ALIVE_SECONDS = "keep-alive-seconds";
    static final String ALLOW_LITERAL_SECRETS = "allow-literal-secrets";
    static final String ALLOWED_HOSTS = "allowed-hosts";
    static final int DEFAULT_MAX_IDLE_CONNECTIONS = 8;
    /** Shorter than OkHttp's five minutes: many load balancers drop idle connections after 60 s. */
    static final int DEFAULT_KEEP_ALIVE_SECONDS = 50;

    private static final Logger LOG = Logger.getLogger(HttpScorerFactory.class);

    private int maxIdleConnections = DEFAULT_MAX_IDLE_CONNECTIONS;
    private KeyRules rules = KeyRules.strict();
    private int keepAliveSeconds = DEFAULT_KEEP_ALIVE_SECONDS;
    private volatile OkHttpClient client;
    private volatile TruststoreClients clients;

    @Override
    public void init(Config.Scope config) {
        maxIdleConnections = config.getInt(MAX_IDLE_CONNECTIONS, DEFAULT_MAX_IDLE_CONNECTIONS);
        keepAliveSeconds = config.getInt(KEEP_ALIVE_SECONDS, DEFAULT_KEEP_ALIVE_SECONDS);
        if (maxIdleConnections < 0 || maxIdleConnections > 1_000) {
            throw new IllegalArgumentException(MAX_IDLE_CONNECTIONS + " must be within 0–1000");
        }
        if (keepAliveSeconds < 1 || keepAliveSeconds > 3_600) {
            throw new IllegalArgumentException(KEEP_ALIVE_SECONDS + " must be within 1–3600");
        }
        String hosts = config.get(ALLOWED_HOSTS);
        rules = new KeyRules(Boolean.TRUE.equals(config.getBoolean(ALLOW_LITERAL_SECRETS, false)),
                hosts == null ? Set.of() : Arrays.stream(hosts.split(",")).map(String::strip)
                        .filter(h -> !h.isEmpty()).collect(Collectors.toSet()));
        if (rules.allowLiteralSecrets()) {
            LOG.warnf("http scorer: %s is on: literal API keys are accepted and readable by every admin with "
                    + "view-realm. For development only; use ${vault.…} references in production.",
                    ALLOW_LITERAL_SECRETS);
        }
        LOG.infof("http scorer: vault keys are sent only to %s", rules.allowedHosts().isEmpty()
                ? "no host (set " + ALLOWED_HOSTS + " to use a scorer API key)" : rules.allowedHosts());
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        OkHttpClient shared = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(maxIdleConnections, keepAliveSeconds, TimeUnit.SECONDS))
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
        client = shared;
        clients = new TruststoreClients(shared);
    }

    @Override
    public LivenessScorer create(KeycloakSession session) {
        return new HttpScorer(() -> requireStarted().clientFor(truststore(session)),
                reference -> resolve(session, reference), rules);
    }

    @Override
    public void close() {
        OkHttpClient shared = client;
        if (shared != null) {
            // Clients derived with newBuilder() share these, so this releases them all.
            shared.dispatcher().executorService().shutdown();
            shared.connectionPool().evictAll();
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "a detector speaking the Deepfake Guard scorer API over HTTPS (a vendor, or your own service); the "
                + "frames are sent to it.";
    }

    @Override
    public List<ProviderConfigProperty> getStepConfigProperties() {
        return HttpScorerConfig.configProperties();
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(MAX_IDLE_CONNECTIONS).type("int").defaultValue(DEFAULT_MAX_IDLE_CONNECTIONS)
                .helpText("Idle connections to scorers kept open for reuse (shared by all realms), 0–1000.")
                .add()
                .property().name(KEEP_ALIVE_SECONDS).type("int").defaultValue(DEFAULT_KEEP_ALIVE_SECONDS)
                .helpText("Seconds an idle scorer connection is kept before it is closed, 1–3600.")
                .add()
                .property().name(ALLOWED_HOSTS).type("string")
                .helpText("Comma-separated scorer hosts (names or address literals). A vault API key is sent only "
                        + "to these; when set, no other host is called at all. Empty: no API key is ever sent.")
                .add()
                .property().name(ALLOW_LITERAL_SECRETS).type("boolean").defaultValue(false)
                .helpText("Development only: accept a literal API key in the authenticator config instead of a "
                        + "${vault.…} reference (literal keys are readable with view-realm).")
                .add()
                .build();
    }

    /** The shared client, for tests that check it is released; {@code null} before {@link #postInit}. */
    OkHttpClient sharedClient() {
        return client;
    }

    private TruststoreClients requireStarted() {
        TruststoreClients started = clients;
        if (started == null) {
            throw new IllegalStateException("http scorer used before postInit");
        }
        return started;
    }

    private static KeyStore truststore(KeycloakSession session) {
        TruststoreProvider provider = session.getProvider(TruststoreProvider.class);
        return provider == null ? null : provider.getTruststore();
    }

    private static Optional<String> resolve(KeycloakSession session, String reference) {
        try (VaultStringSecret secret = session.vault().getStringSecret(reference)) {
            return secret.get();
        }
    }

}
