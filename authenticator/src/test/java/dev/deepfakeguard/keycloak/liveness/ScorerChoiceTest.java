package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.scoring.LivenessScorer;
import dev.deepfakeguard.keycloak.scoring.LivenessScorerFactory;
import dev.deepfakeguard.keycloak.scoring.ScoreResult;
import dev.deepfakeguard.keycloak.scoring.embedded.EmbeddedScorerFactory;
import dev.deepfakeguard.keycloak.scoring.http.HttpScorerFactory;
import org.junit.jupiter.api.Test;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ProviderFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The step's scorer choice comes from the registered factories, not from a list in the step. */
class ScorerChoiceTest {

    /** What a vendor's own JAR would register. */
    static final class AcmeScorerFactory implements LivenessScorerFactory {

        @Override
        public LivenessScorer create(KeycloakSession session) {
            return request -> ScoreResult.unavailable("acme", "not_wired");
        }

        @Override
        public void init(Config.Scope config) {
        }

        @Override
        public void postInit(KeycloakSessionFactory factory) {
        }

        @Override
        public void close() {
        }

        @Override
        public String getId() {
            return "acme-liveness";
        }

        @Override
        public String getHelpText() {
            return "ACME's certified presentation-attack detection.";
        }

        @Override
        public List<ProviderConfigProperty> getStepConfigProperties() {
            return ProviderConfigurationBuilder.create().property().name("acme.tenant").label("ACME tenant")
                    .type(ProviderConfigProperty.STRING_TYPE).helpText("Your ACME tenant id.").add().build();
        }
    }

    @Test
    void offersEveryRegisteredScorerWithItsHelpTextAndSettings() {
        LivenessAuthenticatorFactory factory = new LivenessAuthenticatorFactory();
        KeycloakSessionFactory sessions = mock(KeycloakSessionFactory.class);
        when(sessions.getProviderFactoriesStream(LivenessScorer.class)).thenReturn(Stream.<ProviderFactory>of(
                new HttpScorerFactory(), new AcmeScorerFactory(), new EmbeddedScorerFactory()));

        factory.postInit(sessions);

        ProviderConfigProperty choice = factory.getConfigProperties().get(0);
        assertThat(choice.getName()).isEqualTo(LivenessConfig.SCORER);
        assertThat(choice.getOptions()).containsExactly("embedded", "acme-liveness", "http");
        assertThat(choice.getDefaultValue()).isEqualTo("embedded");
        assertThat(choice.getHelpText()).contains("'acme-liveness': ACME's certified presentation-attack detection.")
                .contains("'embedded' (default): no vendor").contains("'http': a detector");
        assertThat(factory.getConfigProperties()).extracting(ProviderConfigProperty::getName)
                .contains("acme.tenant", "dfg.http.url");
    }

    @Test
    void theLivenessPackageImportsNoScorerImplementation() throws IOException {
        Path main = Path.of("src", "main", "java", "dev", "deepfakeguard", "keycloak", "liveness");
        try (Stream<Path> sources = Files.list(main)) {
            for (Path source : sources.toList()) {
                assertThat(Files.readString(source)).as(source.toString())
                        .doesNotContain("keycloak.scoring.embedded").doesNotContain("keycloak.scoring.http");
            }
        }
    }
}
