package dev.deepfakeguard.keycloak.events.audit;

import java.util.Map;
import java.util.Set;

import org.keycloak.Config;

/** Server-wide options as Keycloak hands them to a factory's {@code init}, from a map. */
final class MapScope extends Config.AbstractScope {

    private final Map<String, String> values;

    MapScope(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    @Override
    public String get(String key) {
        return values.get(key);
    }

    @Override
    public Config.Scope scope(String... scope) {
        return new MapScope(Map.of());
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public Config.Scope root() {
        return this;
    }
}
