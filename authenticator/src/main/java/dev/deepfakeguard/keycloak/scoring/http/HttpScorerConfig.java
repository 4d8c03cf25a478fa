package dev.deepfakeguard.keycloak.scoring.http;

import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/** Placeholder until the http scorer lands; replaced by the real typed config. */
public final class HttpScorerConfig {
    private HttpScorerConfig() {
    }

    public static List<ProviderConfigProperty> configProperties() {
        return List.of();
    }
}
