package dev.deepfakeguard.keycloak.contract;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LivenessNotesTest {

    private static final long NOW = 1_800_000_000L;

    @ParameterizedTest(name = "pass-time note \"{0}\" with max age {1} s -> {2}")
    @CsvSource(nullValues = "null", value = {
        "1800000000, 300, true",
        "1799999700, 300, true",
        "1799999699, 300, false",
        "' 1799999900 ', 300, true",
        "1800000001, 300, false",
        "null, 300, false",
        "'', 300, false",
        "yesterday, 300, false",
        "1799999900.5, 300, false"})
    void aPassCountsOnlyWhenItsNoteIsReadableNotAheadAndNotTooOld(String note, long maxAge, boolean passed) {
        assertThat(LivenessNotes.passedWithin(note, maxAge, NOW)).isEqualTo(passed);
    }
}
