package dev.deepfakeguard.keycloak.events.audit.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportWindowTest {

    private static final long NOW = 1_765_000_000_000L;

    @Test
    void withoutBoundsCoversEverythingUntilNow() {
        assertThat(ExportWindow.parse(null, "", NOW)).isEqualTo(new ExportWindow(0, NOW + 1));
    }

    @ParameterizedTest
    @CsvSource({
            "1765000000000, 1765000000000",
            "2025-12-06T05:46:40Z, 1765000000000",
            "2025-12-06T06:46:40+01:00, 1765000000000",
            "2025-12-06T05:46:40.5Z, 1765000000500"})
    void acceptsEpochMillisAndIsoDateTimes(String text, long millis) {
        assertThat(ExportWindow.parse(text, null, NOW + 10_000).from()).isEqualTo(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2025-12-06", "2025-12-06T05:46:40", "-5", "1e12", "99999999999999999999",
            "2025-13-06T05:46:40Z", "0x10"})
    void refusesWhatIsNotATimeWithAMessageSayingWhatIsExpected(String text) {
        assertThatThrownBy(() -> ExportWindow.parse(text, null, NOW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("from must be " + ExportWindow.EXPECTED);
    }

    @Test
    void refusesAWindowThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> ExportWindow.parse("2000", "1000", NOW)).hasMessage("from must be earlier than to");
        assertThatThrownBy(() -> ExportWindow.parse("1000", "1000", NOW)).hasMessage("from must be earlier than to");
    }

    @Test
    void refusesAnOverlongBoundWithoutEchoingIt() {
        String hostile = "<script>".repeat(100);
        assertThatThrownBy(() -> ExportWindow.parse(null, hostile, NOW)).hasMessageNotContaining("<script>");
    }
}
