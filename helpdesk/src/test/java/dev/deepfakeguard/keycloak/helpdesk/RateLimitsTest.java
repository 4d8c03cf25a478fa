package dev.deepfakeguard.keycloak.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitsTest {

    private final RateLimits limits = new RateLimits(3, 20);

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "0, 0, 0, 0, null",
            "0, 2, 19, 0, null",
            "1, 0, 0, 0, USER_HAS_OPEN_REQUEST",
            "0, 3, 0, 0, USER_DAILY_LIMIT",
            "0, 0, 20, 0, AGENT_HOURLY_LIMIT",
            "0, 0, 15, 5, AGENT_HOURLY_LIMIT",
            "0, 0, 15, 4, null"})
    void refusesAtEachLimit(long open, long userToday, long agentHour, long agentReported, Refusal expected) {
        assertThat(limits.check(new RateLimits.Counts(open, userToday, agentHour, agentReported)))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0, 20", "3, 0"})
    void refusesLimitsBelowOne(int user, int agent) {
        assertThatThrownBy(() -> new RateLimits(user, agent)).isInstanceOf(IllegalArgumentException.class);
    }
}
