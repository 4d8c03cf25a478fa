package dev.deepfakeguard.keycloak.scoring.http;

import dev.deepfakeguard.keycloak.scoring.ScoreResult;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.truststore.TruststoreProvider;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.deepfakeguard.keycloak.scoring.http.ScoringRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The factory wired to a (mocked) Keycloak session: vault, truststore, pool lifecycle, over real TLS. */
class HttpScorerFactoryTest {

    private static final String VAULT_REF = "${vault.scorer_api_key}";
    private static final String COMPLETED = "{\"state\":\"completed\",\"livenessScore\":9100,\"syntheticScore\":40,"
            + "\"modelVersion\":\"v7\",\"reasonCodes\":[]}";

    private final HeldCertificate scorerCa = new HeldCertificate.Builder().certificateAuthority(0).build();
    private final HeldCertificate otherCa = new HeldCertificate.Builder().certificateAuthority(0).build();
    private final MockWebServer server = new MockWebServer();
    private final HttpScorerFactory factory = new HttpScorerFactory();

    @BeforeEach
    void start() throws IOException {
        HeldCertificate serverCertificate = new HeldCertificate.Builder()
                .signedBy(scorerCa)
                .addSubjectAlternativeName("127.0.0.1")
                .build();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(serverCertificate).build()
                .sslSocketFactory(), false);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        factory.init(scope(null, null));
        factory.postInit(null);
    }

    @AfterEach
    void stop() throws IOException {
        factory.close();
        server.shutdown();
    }

    @Test
    void trustsTheScorerThroughKeycloaksTruststoreAndSendsTheVaultKey() throws Exception {
        server.enqueue(json(COMPLETED));

        ScoreResult result = factory.create(session(truststoreWith(scorerCa))).score(httpsRequest());

        assertThat(result.isCompleted()).isTrue();
        assertThat(result.livenessScore()).isEqualTo(9100);
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHeader("Authorization"))
                .isEqualTo("Bearer from-the-vault");
    }

    @Test
    void scorerCertificateFromAnotherCaIsATlsError() throws Exception {
        ScoreResult result = factory.create(session(truststoreWith(otherCa))).score(httpsRequest());

        assertThat(result.reasonCodes()).contains(HttpReasonCodes.TLS_ERROR);
    }

    @Test
    void withoutKeycloakTruststoreTheJvmDefaultsApplyAndRejectAPrivateCa() {
        ScoreResult result = factory.create(session(null)).score(httpsRequest());

        assertThat(result.reasonCodes()).contains(HttpReasonCodes.TLS_ERROR);
    }

    @Test
    void closeReleasesPooledConnectionsAndTheDispatcher() throws Exception {
        server.enqueue(json(COMPLETED));
        factory.create(session(truststoreWith(scorerCa))).score(httpsRequest());
        assertThat(factory.sharedClient().connectionPool().connectionCount()).isEqualTo(1);

        factory.close();

        assertThat(factory.sharedClient().connectionPool().connectionCount()).isZero();
        assertThat(factory.sharedClient().dispatcher().executorService().isShutdown()).isTrue();
    }

    @Test
    void serverWideOptionsAreDescribed() {
        assertThat(factory.getConfigMetadata()).extracting(ProviderConfigProperty::getName)
                .containsExactly(HttpScorerFactory.MAX_IDLE_CONNECTIONS, HttpScorerFactory.KEEP_ALIVE_SECONDS,
                        HttpScorerFactory.ALLOWED_HOSTS, HttpScorerFactory.ALLOW_LITERAL_SECRETS);
        assertThat(factory.getId()).isEqualTo("http");
    }

    @Test
    void invalidServerWideOptionsFailAtStartup() {
        HttpScorerFactory other = new HttpScorerFactory();

        assertThatThrownBy(() -> other.init(scope(-1, null))).hasMessageContaining("max-idle-connections");
        assertThatThrownBy(() -> other.init(scope(null, 0))).hasMessageContaining("keep-alive-seconds");
    }

    private dev.deepfakeguard.keycloak.scoring.ScoringRequest httpsRequest() {
        return request().url("https://127.0.0.1:" + server.getPort() + "/score")
                .set(HttpScorerConfig.API_KEY, VAULT_REF).build();
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    private static KeyStore truststoreWith(HeldCertificate ca) throws GeneralSecurityException, IOException {
        KeyStore truststore = KeyStore.getInstance(KeyStore.getDefaultType());
        truststore.load(null, null);
        truststore.setCertificateEntry("ca", ca.certificate());
        return truststore;
    }

    private static KeycloakSession session(KeyStore truststore) {
        KeycloakSession session = mock(KeycloakSession.class);
        if (truststore != null) {
            TruststoreProvider provider = mock(TruststoreProvider.class);
            when(provider.getTruststore()).thenReturn(truststore);
            when(session.getProvider(TruststoreProvider.class)).thenReturn(provider);
        }
        VaultTranscriber vault = mock(VaultTranscriber.class);
        when(vault.getStringSecret(anyString())).thenAnswer(call -> secret(
                VAULT_REF.equals(call.getArgument(0)) ? Optional.of("from-the-vault") : Optional.empty()));
        when(session.vault()).thenReturn(vault);
        return session;
    }

    private static VaultStringSecret secret(Optional<String> value) {
        return new VaultStringSecret() {
            @Override
            public Optional<String> get() {
                return value;
            }

            @Override
            public void close() {
            }
        };
    }

    private static Config.Scope scope(Integer maxIdle, Integer keepAlive) {
        Config.Scope scope = mock(Config.Scope.class);
        when(scope.getInt(anyString(), any())).thenAnswer(call -> call.getArgument(1));
        when(scope.get(HttpScorerFactory.ALLOWED_HOSTS)).thenReturn("127.0.0.1");
        if (maxIdle != null) {
            when(scope.getInt(HttpScorerFactory.MAX_IDLE_CONNECTIONS, HttpScorerFactory.DEFAULT_MAX_IDLE_CONNECTIONS))
                    .thenReturn(maxIdle);
        }
        if (keepAlive != null) {
            when(scope.getInt(HttpScorerFactory.KEEP_ALIVE_SECONDS, HttpScorerFactory.DEFAULT_KEEP_ALIVE_SECONDS))
                    .thenReturn(keepAlive);
        }
        return scope;
    }
}
