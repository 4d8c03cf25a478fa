package dev.deepfakeguard.keycloak.scoring.http;

import dev.deepfakeguard.keycloak.scoring.ScorerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpScorerConfigTest {

    @Test
    void defaultsApplyWhenOnlyTheUrlIsSet() {
        HttpScorerConfig config = HttpScorerConfig.from(settings("https://scorer.example.com/v1/score"));

        assertThat(config.connectTimeout().toMillis()).isEqualTo(2_000);
        assertThat(config.readTimeout().toMillis()).isEqualTo(5_000);
        assertThat(config.callTimeout().toMillis()).isEqualTo(8_000);
        assertThat(config.maxResponseBytes()).isEqualTo(16_384);
        assertThat(config.sendMedia()).isTrue();
        assertThat(config.hasApiKey()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://scorer.example.com/score", "http://127.0.0.1:8081/score",
            "http://127.8.9.10/score", "http://localhost/score", "http://[::1]:9000/score"})
    void acceptsHttpsAndPlainHttpOnlyToLoopback(String url) {
        assertThat(HttpScorerConfig.from(settings(url)).url().toString()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://scorer.example.com/score", "http://127.0.0.1.nip.io/score", "http://10.0.0.1/",
            "http://[::2]/", "https://user:pass@scorer.example.com/", "https://scorer.example.com/#x", "/score",
            "ftp://127.0.0.1/", "https:///nohost", "http://256.0.0.1/"})
    void rejectsUrlsThatCouldLeakOrAreNotHttp(String url) {
        assertThatThrownBy(() -> HttpScorerConfig.from(settings(url)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(HttpScorerConfig.URL);
    }

    @ParameterizedTest
    @CsvSource({
            "dfg.http.connectTimeoutMillis, 99999999",
            "dfg.http.readTimeoutMillis, 60001",
            "dfg.http.callTimeoutMillis, -5",
            "dfg.http.callTimeoutMillis, 1.5",
            "dfg.http.maxResponseBytes, 255",
            "dfg.http.maxResponseBytes, 1048577",
            "dfg.http.maxResponseBytes, lots",
            "dfg.http.sendMedia, yes"
    })
    void rejectsOutOfRangeSettingsNamingTheKeyNotTheValue(String key, String value) {
        Map<String, String> values = new HashMap<>(Map.of(HttpScorerConfig.URL, "https://scorer.example.com/"));
        values.put(key, value);

        assertThatThrownBy(() -> HttpScorerConfig.from(ScorerSettings.of(values)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(key)
                .hasMessageNotContaining(value);
    }

    @Test
    void missingUrlIsNotConfigured() {
        assertThat(HttpScorerConfig.isConfigured(ScorerSettings.of(Map.of()))).isFalse();
        assertThatThrownBy(() -> HttpScorerConfig.from(ScorerSettings.of(Map.of())))
                .hasMessageContaining(HttpScorerConfig.URL);
    }

    @ParameterizedTest
    @CsvSource({"'${vault.scorer_api_key}', true", "'sk_live_abc', false", "'${vault.}', false"})
    void tellsVaultReferencesFromLiteralKeys(String key, boolean reference) {
        HttpScorerConfig config = HttpScorerConfig.from(ScorerSettings.of(Map.of(
                HttpScorerConfig.URL, "https://scorer.example.com/", HttpScorerConfig.API_KEY, key)));

        assertThat(config.apiKeyIsVaultReference()).isEqualTo(reference);
    }

    @Test
    void toStringNeverShowsTheKey() {
        HttpScorerConfig config = HttpScorerConfig.from(ScorerSettings.of(Map.of(
                HttpScorerConfig.URL, "https://scorer.example.com/", HttpScorerConfig.API_KEY, "sk_live_abc")));

        assertThat(config.toString()).doesNotContain("sk_live_abc").contains("apiKey=literal");
    }

    @Test
    void configPropertiesCoverEveryKeyWithHelpText() {
        assertThat(HttpScorerConfig.configProperties())
                .extracting(ProviderConfigProperty::getName)
                .containsExactly(HttpScorerConfig.URL, HttpScorerConfig.API_KEY,
                        HttpScorerConfig.CONNECT_TIMEOUT_MILLIS, HttpScorerConfig.READ_TIMEOUT_MILLIS,
                        HttpScorerConfig.CALL_TIMEOUT_MILLIS, HttpScorerConfig.MAX_RESPONSE_BYTES,
                        HttpScorerConfig.SEND_MEDIA);
        assertThat(HttpScorerConfig.configProperties()).allSatisfy(property -> {
            assertThat(property.getHelpText()).isNotBlank();
            assertThat(property.getLabel()).isNotBlank();
        });
        assertThat(HttpScorerConfig.configProperties().get(1).isSecret()).isTrue();
    }

    private static ScorerSettings settings(String url) {
        return ScorerSettings.of(Map.of(HttpScorerConfig.URL, url));
    }
}
