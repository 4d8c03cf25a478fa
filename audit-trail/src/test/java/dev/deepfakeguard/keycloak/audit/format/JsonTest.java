package dev.deepfakeguard.keycloak.audit.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"a\":1,\"a\":2}|duplicate member name \"a\" at column 8",
            "{\"a\":1.5}|numbers must be integers (audit records carry no floating point) at column 7",
            "{\"a\":1e3}|numbers must be integers (audit records carry no floating point) at column 7",
            "{\"a\":01}|leading zero in a number at column 6",
            "{\"a\":tru}|unexpected character 't' at column 6",
            "{\"a\":1|unexpected end of input at column 7",
            "{\"a\":1}x|unexpected text after the JSON value at column 8",
            "{\"a\":\"\\x\"}|invalid escape '\\x' at column 8",
            "[1]|expected a JSON object at column 1",
            "{\"a\":99999999999999999999}|integer out of range at column 6"})
    void refusesWhatCouldMeanTwoThings(String input, String message) {
        assertThatThrownBy(() -> Json.parseObject(input)).isInstanceOf(JsonSyntaxException.class)
                .hasMessage(message);
    }

    @Test
    void decodesEscapes() throws JsonSyntaxException {
        Map<String, Object> object = Json.parseObject("{\"s\":\"\\u00e9\\n\\\"\",\"t\":\"plain\"}");
        assertThat(object).containsEntry("s", "\u00e9\n\"").containsEntry("t", "plain");
    }
}
