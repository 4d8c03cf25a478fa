package dev.deepfakeguard.keycloak.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttemptsTest {

    @ParameterizedTest(name = "note \"{0}\" -> {1} used, attempt {2}")
    @CsvSource(nullValues = "null", value = {
        "null, 0, 1",
        "0, 0, 1",
        "2, 2, 3",
        "-4, 0, 1",
        "two, 2147483647, 2147483647",
        "'', 2147483647, 2147483647",
        "99999999999, 2147483647, 2147483647"})
    void anUnreadableNoteCountsAsExhausted(String note, int used, int current) {
        Attempts attempts = Attempts.fromNote(note);

        assertThat(attempts.used()).isEqualTo(used);
        assertThat(attempts.current()).isEqualTo(current);
    }

    @Test
    void aFailureAddsOneAndExhaustionStays() {
        assertThat(Attempts.NONE.failedOnce().failedOnce()).isEqualTo(new Attempts(2));
        assertThat(new Attempts(2).exhausted(3)).isFalse();
        assertThat(new Attempts(3).exhausted(3)).isTrue();
        assertThat(Attempts.EXHAUSTED.failedOnce()).isEqualTo(Attempts.EXHAUSTED);
        assertThat(Attempts.EXHAUSTED.exhausted(10)).isTrue();
    }

    @Test
    void refusesANegativeCount() {
        assertThatThrownBy(() -> new Attempts(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
