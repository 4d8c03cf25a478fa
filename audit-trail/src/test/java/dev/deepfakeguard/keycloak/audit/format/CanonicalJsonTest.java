package dev.deepfakeguard.keycloak.audit.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

    @Test
    void sortsMembersByUtf16CodeUnitsAsRfc8785Section3_2_3() {
        // The RFC's sorting example: keys whose UTF-16 order differs from their code point order.
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("\u20ac", "Euro Sign");
        object.put("\r", "Carriage Return");
        object.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        object.put("1", "One");
        object.put("\ud83d\ude00", "Emoji: Grinning Face");
        object.put("\u0080", "Control");
        object.put("\u00f6", "Latin Small Letter O With Diaeresis");

        assertThat(CanonicalJson.write(object)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\","
                + "\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
                + "\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'a\"b'|'\"a\\\"b\"'",
            "'a\\b'|'\"a\\\\b\"'",
            "'\n\t\r\b\f'|'\"\\n\\t\\r\\b\\f\"'",
            "'\u0001\u001f'|'\"\\u0001\\u001f\"'",
            "'/ and \u00e9 and \u2028'|'\"/ and \u00e9 and \u2028\"'"})
    void escapesStringsAsRfc8785(String input, String expected) {
        assertThat(CanonicalJson.write(input)).isEqualTo(expected);
    }

    @Test
    void writesNestedValuesWithoutWhitespace() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("b", List.of(1L, true, Json.NULL, "x"));
        object.put("a", Map.of("z", -5L));
        assertThat(CanonicalJson.write(object)).isEqualTo("{\"a\":{\"z\":-5},\"b\":[1,true,null,\"x\"]}");
    }

    @Test
    void refusesIntegersBeyondTheSafeRange() {
        assertThatThrownBy(() -> CanonicalJson.write(1L << 53)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundTripsThroughTheParser() throws JsonSyntaxException {
        String canonical = "{\"a\":[1,2,{\"b\":null}],\"c\":\"\\u0007\u00fc\",\"d\":false}";
        assertThat(CanonicalJson.write(Json.parse(canonical))).isEqualTo(canonical);
    }
}
