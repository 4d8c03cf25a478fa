package dev.deepfakeguard.keycloak.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.Config;

class HelpdeskSettingsTest {

    @Test
    void readsTheServerOptionsWithTheirDefaults() {
        HelpdeskSettings settings = HelpdeskSettings.from(new MapScope(Map.of(
                HelpdeskSettings.LINK_TTL, "300",
                HelpdeskSettings.AGENT_PER_HOUR, "5",
                HelpdeskSettings.PRIVILEGED_GROUPS, " /finance , /board/members ,")));

        assertThat(settings.linkTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.requestTtl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.limits()).isEqualTo(new RateLimits(3, 5));
        assertThat(settings.codeAttempts()).isEqualTo(3);
        assertThat(settings.privilegedGroups()).containsExactly("/finance", "/board/members");
        assertThat(settings.contactBlock()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.securityContact()).isEmpty();
    }

    @Test
    void readsTheContactChangeBlockAndTheSecurityContact() {
        HelpdeskSettings settings = HelpdeskSettings.from(new MapScope(Map.of(
                HelpdeskSettings.CONTACT_BLOCK_HOURS, "72", HelpdeskSettings.SECURITY_CONTACT, " security@example.org ")));

        assertThat(settings.contactBlock()).isEqualTo(Duration.ofHours(72));
        assertThat(settings.securityContact()).isEqualTo("security@example.org");
    }

    @Test
    void refusesANegativeContactChangeBlock() {
        assertThatThrownBy(() -> HelpdeskSettings.from(new MapScope(Map.of(
                HelpdeskSettings.CONTACT_BLOCK_HOURS, "-1"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesALinkThatOutlivesItsRequest() {
        assertThatThrownBy(() -> HelpdeskSettings.from(new MapScope(Map.of(
                HelpdeskSettings.LINK_TTL, "3600", HelpdeskSettings.REQUEST_TTL, "600"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesZeroCodeAttempts() {
        assertThatThrownBy(() -> new HelpdeskSettings(Duration.ofMinutes(1), Duration.ofMinutes(2),
                Duration.ofMinutes(1), 0, new RateLimits(1, 1), List.of(), Duration.ZERO, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Server options as Keycloak hands them to a factory. */
    private record MapScope(Map<String, String> values) implements Config.Scope {

        @Override
        public String get(String key) {
            return values.get(key);
        }

        @Override
        public String get(String key, String defaultValue) {
            return values.getOrDefault(key, defaultValue);
        }

        @Override
        public String[] getArray(String key) {
            String value = values.get(key);
            return value == null ? null : value.split(",");
        }

        @Override
        public Integer getInt(String key, Integer defaultValue) {
            String value = values.get(key);
            return value == null ? defaultValue : Integer.valueOf(value);
        }

        @Override
        public Long getLong(String key, Long defaultValue) {
            String value = values.get(key);
            return value == null ? defaultValue : Long.valueOf(value);
        }

        @Override
        public Boolean getBoolean(String key, Boolean defaultValue) {
            String value = values.get(key);
            return value == null ? defaultValue : Boolean.valueOf(value);
        }

        @Override
        public Config.Scope scope(String... scope) {
            return this;
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
}
