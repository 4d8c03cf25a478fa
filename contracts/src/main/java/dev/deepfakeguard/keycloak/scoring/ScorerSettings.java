package dev.deepfakeguard.keycloak.scoring;

import java.util.Map;
import java.util.Optional;

/**
 * The authenticator configuration as seen by a scorer: read-only, typed lookups. Each scorer interprets only its
 * own keys (see its typed config class).
 */
public final class ScorerSettings {

    private final Map<String, String> values;

    private ScorerSettings(Map<String, String> values) {
        this.values = values;
    }

    public static ScorerSettings of(Map<String, String> values) {
        return new ScorerSettings(values == null ? Map.of() : Map.copyOf(values));
    }

    public Optional<String> get(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    @Override
    public String toString() {
        // Values may reference secrets; never print them.
        return "ScorerSettings" + values.keySet();
    }
}
