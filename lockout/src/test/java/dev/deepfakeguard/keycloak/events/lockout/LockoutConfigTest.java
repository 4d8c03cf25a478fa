package dev.deepfakeguard.keycloak.events.lockout;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LockoutConfigTest {

    @Test
    void defaultsFollowNistAndAws() {
        LockoutConfig config = LockoutConfig.defaults();

        assertThat(config.maxFailures()).isEqualTo(5);
        assertThat(config.lockDuration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.maxTemporaryLocks()).isEqualTo(3);
        assertThat(config.escalationWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(config.successResets()).isTrue();
        assertThat(config.countScorerUnavailable()).isFalse();
        assertThat(config.webhookUrl()).isEmpty();
    }

    @Test
    void sourceThresholdIsFarAboveTheUserThresholdByDefault() {
        Map<String, String> defaults = LockoutConfig.defaults().toAttributes();

        assertThat(defaults).containsEntry(LockoutConfig.PREFIX + "sourceMaxFailures", "100");
        assertThat(defaults).containsEntry(LockoutConfig.PREFIX + "sourceIpv4Prefix", "32");
        assertThat(defaults).containsEntry(LockoutConfig.PREFIX + "sourceIpv6Prefix", "64");
    }

    @ParameterizedTest(name = "maxFailures {0}, sourceMaxFailures {1}")
    @CsvSource({"5, 20", "5, 49", "1, 9", "10, 99", "100, 999"})
    void refusesASourceThresholdThatIsNotFarAboveTheUserThreshold(int maxFailures, int sourceMaxFailures) {
        assertThatThrownBy(() -> LockoutConfig.from(Map.of(LockoutConfig.PREFIX + "maxFailures",
                Integer.toString(maxFailures), LockoutConfig.PREFIX + "sourceMaxFailures",
                Integer.toString(sourceMaxFailures))))
                .isInstanceOf(LockoutConfig.InvalidLockoutConfigException.class)
                .hasMessageContaining(LockoutConfig.PREFIX + "sourceMaxFailures")
                .hasMessageContaining(Integer.toString(10 * maxFailures));
    }

    @ParameterizedTest(name = "maxFailures {0}, sourceMaxFailures {1}")
    @CsvSource({"5, 0", "5, 50", "1, 10", "100, 0", "100, 1000"})
    void acceptsNoSourceLocksOrAThresholdTenTimesTheUserThreshold(int maxFailures, int sourceMaxFailures) {
        LockoutConfig config = LockoutConfig.from(Map.of(LockoutConfig.PREFIX + "maxFailures",
                Integer.toString(maxFailures), LockoutConfig.PREFIX + "sourceMaxFailures",
                Integer.toString(sourceMaxFailures)));

        assertThat(config.sourceMaxFailures()).isEqualTo(sourceMaxFailures);
    }

    @Test
    void aSetStoredWithTheFormerDefaultSourceThresholdKeepsWorking() {
        // What every PUT of earlier versions wrote: all keys, sourceMaxFailures at its then default of 20.
        Map<String, String> stored = Map.of(LockoutConfig.PREFIX + "maxFailures", "5",
                LockoutConfig.PREFIX + "sourceMaxFailures", "20", LockoutConfig.WEBHOOK_URL.attribute(),
                "https://hooks.example.org/dfg", LockoutConfig.WEBHOOK_SECRET.attribute(), "${vault.hook}");

        LockoutConfig config = LockoutConfig.stored(stored);

        assertThat(config.sourceMaxFailures()).isEqualTo(20);
        assertThat(config.webhookUrl()).isPresent();
        assertThat(config.sourceFloorProblem()).hasValueSatisfying(problem -> assertThat(problem).contains("50"));
        assertThatThrownBy(() -> LockoutConfig.from(stored))
                .hasMessageContaining(LockoutConfig.PREFIX + "sourceMaxFailures");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"sourceIpv4Prefix, 15", "sourceIpv4Prefix, 33", "sourceIpv6Prefix, 31", "sourceIpv6Prefix, 129",
            "sourceIpv6Prefix, sixty-four"})
    void refusesPrefixLengthsOutsideTheirRange(String key, String value) {
        assertThatThrownBy(() -> LockoutConfig.from(Map.of(LockoutConfig.PREFIX + key, value)))
                .isInstanceOf(LockoutConfig.InvalidLockoutConfigException.class)
                .hasMessageContaining(LockoutConfig.PREFIX + key);
    }

    @Test
    void keysSourcesByTheConfiguredPrefixLengths() {
        LockoutConfig config = LockoutConfig.from(Map.of(LockoutConfig.PREFIX + "sourceIpv4Prefix", "24",
                LockoutConfig.PREFIX + "sourceIpv6Prefix", "56"));

        assertThat(config.toAttributes()).containsEntry(LockoutConfig.PREFIX + "sourceIpv4Prefix", "24")
                .containsEntry(LockoutConfig.PREFIX + "sourceIpv6Prefix", "56");
        assertThat(LockoutConfig.from(config.toAttributes())).isEqualTo(config);
    }

    @ParameterizedTest
    @CsvSource({
            "maxFailures, 0", "maxFailures, 101", "maxFailures, five", "windowSeconds, 9", "lockSeconds, 59",
            "maxTemporaryLocks, -1", "sourceMaxFailures, 100001", "successResets, yes", "webhook.retrySeconds, 0",
            "webhook.url, http://example.org/hook", "webhook.url, ftp://127.0.0.1/x", "webhook.url, ::not a url"
    })
    void rejectsBrokenValueNamingTheKey(String key, String value) {
        assertThatThrownBy(() -> LockoutConfig.from(Map.of(LockoutConfig.PREFIX + key, value)))
                .isInstanceOf(LockoutConfig.InvalidLockoutConfigException.class)
                .hasMessageContaining(LockoutConfig.PREFIX + key);
    }

    @Test
    void listsEveryProblemAtOnce() {
        assertThatThrownBy(() -> LockoutConfig.from(Map.of(LockoutConfig.MAX_FAILURES.attribute(), "0",
                LockoutConfig.LOCK_SECONDS.attribute(), "x")))
                .isInstanceOfSatisfying(LockoutConfig.InvalidLockoutConfigException.class,
                        e -> assertThat(e.problems()).hasSize(2));
    }

    @Test
    void webhookNeedsSecret() {
        assertThatThrownBy(() -> LockoutConfig.from(Map.of(LockoutConfig.WEBHOOK_URL.attribute(),
                "https://hooks.example.org/dfg")))
                .hasMessageContaining(LockoutConfig.WEBHOOK_SECRET.attribute());
    }

    @ParameterizedTest(name = "Given the webhook URL {0}, then plain http is refused: the host is not this machine")
    @CsvSource({"http://127.attacker.example/hook", "http://127.0.0.1.nip.io/hook", "http://localhost.attacker.example/",
            "http://127.0.0.1@attacker.example/hook", "http://2130706433/hook", "http://0x7f.0.0.1/hook",
            "http://127.1/hook", "http://0177.0.0.1/hook", "http://[::1].attacker.example/",
            "http://attacker.example#@127.0.0.1/", "http://127.0.0.01/hook", "http://[::2]/hook"})
    void refusesPlainHttpToHostsThatOnlyLookLocal(String url) {
        assertThatThrownBy(() -> LockoutConfig.from(Map.of(LockoutConfig.WEBHOOK_URL.attribute(), url,
                LockoutConfig.WEBHOOK_SECRET.attribute(), "${vault.hook}")))
                .isInstanceOf(LockoutConfig.InvalidLockoutConfigException.class)
                .hasMessageContaining(LockoutConfig.WEBHOOK_URL.attribute());
    }

    @ParameterizedTest
    @CsvSource({"http://127.0.0.1:9000/hook", "http://localhost/hook", "https://hooks.example.org/dfg",
            "http://[::1]:9000/hook", "http://127.255.0.9/hook"})
    void acceptsHttpsAndLoopbackHttp(String url) {
        LockoutConfig config = LockoutConfig.from(Map.of(LockoutConfig.WEBHOOK_URL.attribute(), url,
                LockoutConfig.WEBHOOK_SECRET.attribute(), "${vault.hook}"));

        assertThat(config.webhookUrl()).hasValueSatisfying(uri -> assertThat(uri.toString()).isEqualTo(url));
    }

    @Test
    void roundTripsThroughAttributes() {
        LockoutConfig config = LockoutConfig.from(Map.of(LockoutConfig.MAX_FAILURES.attribute(), "7",
                LockoutConfig.ALERT_ROLE.attribute(), "security"));

        assertThat(LockoutConfig.from(config.toAttributes())).isEqualTo(config);
    }

    @Test
    @DisplayName("Given a literal webhook secret, then it is a problem unless the server allows literals")
    void literalWebhookSecretIsAProblemWithoutTheDevelopmentSwitch() {
        LockoutConfig literal = LockoutConfig.from(Map.of(LockoutConfig.WEBHOOK_URL.attribute(),
                "https://hooks.example.org/dfg", LockoutConfig.WEBHOOK_SECRET.attribute(), "s3cr3t-literal"));
        LockoutConfig vault = LockoutConfig.from(Map.of(LockoutConfig.WEBHOOK_URL.attribute(),
                "https://hooks.example.org/dfg", LockoutConfig.WEBHOOK_SECRET.attribute(), "${vault.dfg_hook}"));

        assertThat(literal.secretProblems(false)).singleElement().asString()
                .contains(LockoutConfig.WEBHOOK_SECRET.attribute()).doesNotContain("s3cr3t-literal");
        assertThat(literal.secretProblems(true)).isEmpty();
        assertThat(vault.secretProblems(false)).isEmpty();
        assertThat(LockoutConfig.defaults().secretProblems(false)).isEmpty();
    }

    @Test
    void textFormNeverShowsTheSecret() {
        LockoutConfig config = LockoutConfig.from(Map.of(LockoutConfig.WEBHOOK_URL.attribute(),
                "https://hooks.example.org/dfg", LockoutConfig.WEBHOOK_SECRET.attribute(), "s3cr3t-literal"));

        assertThat(config.toString()).doesNotContain("s3cr3t-literal").contains("(set)");
    }
}
