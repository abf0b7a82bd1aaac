package cn.citygrid.sync.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parse_buildsTheValueModel_inDocumentOrder() {
        Object v = Json.parse(" {\"b\": [1, -2.50e1, true, false, null], \"a\": \"x\\u00e9\\ud83d\\ude00\"} ");
        assertThat(v).isInstanceOf(LinkedHashMap.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        assertThat(m.keySet()).containsExactly("b", "a");
        assertThat(m.get("b")).isEqualTo(java.util.Arrays.asList(new BigDecimal("1"), new BigDecimal("-2.50e1"), true, false, null));
        assertThat(m.get("a")).isEqualTo("xé😀");
    }

    @Test
    void parse_whenDuplicateMemberName_fails() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}")).isInstanceOf(JsonException.class)
                .hasMessage("duplicate member name \"a\" at offset 7");
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"\\u0061\":2}")).hasMessageContaining("duplicate member name \"a\"");
    }

    @Test
    void parse_whenTrailingGarbage_fails() {
        assertThatThrownBy(() -> Json.parse("{} x")).hasMessage("got trailing content 'x', want end of input (offset 3)");
        assertThatThrownBy(() -> Json.parse("[1]]")).hasMessageContaining("trailing content");
    }

    @Test
    void parse_whenLoneSurrogate_fails() {
        assertThatThrownBy(() -> Json.parse("\"\\ud800\"")).hasMessageContaining("lone surrogate U+D800");
        assertThatThrownBy(() -> Json.parse("\"\\udc00\\ud800\"")).hasMessageContaining("lone surrogate U+DC00");
        assertThatThrownBy(() -> Json.parse("\"a\ud800\"")).hasMessageContaining("lone surrogate");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "01|got trailing content",
        "1.|want a digit after '.'",
        ".5|want a value",
        "+1|want a value",
        "1e|want an exponent digit",
        "-|want a digit",
        "[1,]|want a value",
        "{\"a\"}|want ':'",
        "{\"a\":1,}|want a member name string",
        "tru|want true",
        "NaN|want a value",
        "\"\\x\"|got escape '\\x'",
        "\"\\u12g4\"|want 4 hex digits",
        "\"abc|unterminated string",
        "''|want a value",
        "|got end of input, want a value",
    })
    void parse_whenNotStrictJson_failsNamingTheProblem(String text, String message) {
        assertThatThrownBy(() -> Json.parse(text == null ? "" : text)).isInstanceOf(JsonException.class)
                .hasMessageContaining(message);
    }

    @Test
    void parse_whenRawControlCharacterInString_fails() {
        assertThatThrownBy(() -> Json.parse("\"a\tb\"")).hasMessageContaining("raw control character U+0009");
    }

    @Test
    void parse_whenNestedTooDeep_failsWithoutStackOverflow() {
        char[] open = new char[100_000];
        Arrays.fill(open, '[');
        assertThatThrownBy(() -> Json.parse(new String(open))).hasMessageContaining("nesting deeper than 64");
        assertThat(Json.parse("[".repeat(64) + "]".repeat(64))).isInstanceOf(List.class);
    }

    @Test
    void parse_whenBytesAreNotUtf8_fails() {
        byte[] bad = {'"', (byte) 0xc3, '"'};
        assertThatThrownBy(() -> Json.parse(bad)).hasMessageContaining("not valid UTF-8");
        assertThat(Json.parse("\"é\"".getBytes(StandardCharsets.UTF_8))).isEqualTo("é");
    }

    @Test
    void write_thenParse_roundTrips() {
        String text = "{\"z\":[1,2.5,\"\\u0001\\n\\\"\\\\\"],\"a\":{\"k\":null,\"t\":true}}";
        assertThat(Json.write(Json.parse(text))).isEqualTo(text);
    }

    @Test
    void write_whenValueIsNotJson_fails() {
        assertThatThrownBy(() -> Json.write(List.of(new Object()))).hasMessageContaining("want a JSON value type");
        assertThatThrownBy(() -> Json.write(Double.NaN)).hasMessageContaining("want a finite number");
    }

    @Test
    void jsonFields_reportsPathAndExpectation() {
        JsonFields f = JsonFields.of(Json.parse("{\"form\":{\"version\":7,\"n\":1.5}}"), "");
        assertThatThrownBy(() -> f.object("form").string("version")).hasMessage("form.version: got number, want string");
        assertThatThrownBy(() -> f.object("form").integer("n", 0, 9)).hasMessage("form.n: got 1.5, want an integer");
        assertThatThrownBy(() -> f.string("id")).hasMessage("id: missing, want a value");
        assertThatThrownBy(() -> f.allowOnly("x")).hasMessage("form: unexpected member, want only [x]");
        assertThatThrownBy(() -> JsonFields.of(List.of(), "")).hasMessage("document: got array, want object");
    }
}
