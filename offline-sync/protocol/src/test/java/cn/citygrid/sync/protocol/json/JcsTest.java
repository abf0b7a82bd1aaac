package cn.citygrid.sync.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JcsTest {
    @Test
    void canonicalize_rfc8785Section322Example() {
        String input = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50,\n              2e-3, 0.000000000000000000000000001],\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                + "  \"literals\": [null, true, false]\n}";
        assertThat(Jcs.canonicalizeJson(input)).isEqualTo(
                "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void bytes_areUtf8OfCanonicalText() {
        assertThat(Jcs.bytes(Map.of("e", "€"))).containsExactly(
                '{', '"', 'e', '"', ':', '"', 0xe2 - 256, 0x82 - 256, 0xac - 256, '"', '}');
    }

    @Test
    void canonicalize_sortsMembersByUtf16CodeUnits_rfc8785Section323() {
        String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
                + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
                + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        assertThat(Jcs.canonicalizeJson(input)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void canonicalize_sortsNestedObjects_andKeepsArrayOrder() {
        assertThat(Jcs.canonicalizeJson("{ \"b\" : [ {\"y\":1,\"x\":2}, 3 ], \"a\" : {} }"))
                .isEqualTo("{\"a\":{},\"b\":[{\"x\":2,\"y\":1},3]}");
    }

    @ParameterizedTest(name = "0x{0} -> {1}")
    @CsvSource({
        "0000000000000000, 0", "8000000000000000, 0", "0000000000000001, 5e-324", "8000000000000001, -5e-324",
        "7fefffffffffffff, 1.7976931348623157e+308", "ffefffffffffffff, -1.7976931348623157e+308",
        "4340000000000000, 9007199254740992", "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000", "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23", "44b52d02c7e14af7, 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e, 999999999999999700000", "444b1ae4d6e2ef4f, 999999999999999900000",
        "444b1ae4d6e2ef50, 1e+21", "3eb0c6f7a0b5ed8c, 9.999999999999997e-7", "3eb0c6f7a0b5ed8d, 0.000001",
        "41b3de4355555553, 333333333.3333332", "41b3de4355555554, 333333333.33333325",
        "41b3de4355555555, 333333333.3333333", "41b3de4355555556, 333333333.3333334",
        "41b3de4355555557, 333333333.33333343", "becbf647612f3696, -0.0000033333333333333333",
        "43143ff3c1cb0959, 1424953923781206.2",
    })
    void number_matchesRfc8785AppendixB(String ieeeHex, String expected) {
        double d = Double.longBitsToDouble(Long.parseUnsignedLong(ieeeHex, 16));
        assertThat(Jcs.canonicalize(d)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1e21, 1e+21", "1e20, 100000000000000000000", "1e-7, 1e-7", "1e-6, 0.000001", "-0, 0", "-0.0, 0",
        "5e-324, 5e-324", "1.7976931348623157e308, 1.7976931348623157e+308", "0.1, 0.1", "100, 100", "1E2, 100",
        "333333333.3333333, 333333333.3333333", "9007199254740992, 9007199254740992",
        "9007199254740993, 9007199254740992", "-9007199254740991, -9007199254740991", "4.50, 4.5",
        "0.000000000000000000000000001, 1e-27", "123456789012345680000, 123456789012345680000", "1.5e300, 1.5e+300",
        "2e-3, 0.002", "-1.25e-10, -1.25e-10", "1e-400, 0",
    })
    void number_ofParsedJsonText_followsEs6Serialization(String json, String expected) {
        assertThat(Jcs.canonicalizeJson(json)).isEqualTo(expected);
    }

    @Test
    void canonicalize_whenNumberNotRepresentable_fails() {
        assertThatThrownBy(() -> Jcs.canonicalizeJson("1e400")).hasMessage("number 1E+400 is outside the IEEE 754 double range");
        assertThatThrownBy(() -> Jcs.canonicalize(Double.NaN)).hasMessageContaining("want a finite number");
        assertThatThrownBy(() -> Jcs.canonicalize(Double.POSITIVE_INFINITY)).hasMessageContaining("want a finite number");
    }

    @Test
    void canonicalize_whenLoneSurrogateInValueOrName_fails() {
        assertThatThrownBy(() -> Jcs.canonicalize(List.of("\ud800"))).hasMessageContaining("lone surrogate");
        assertThatThrownBy(() -> Jcs.canonicalize(Map.of("\udc00", 1))).hasMessageContaining("lone surrogate");
    }

    @Test
    void canonicalText_ofIntegersUpTo2pow53_isPlainDigits() {
        for (long n = 1; n <= (1L << 53); n = n * 3 + 1) {
            assertThat(Jcs.canonicalize(BigDecimal.valueOf(n))).isEqualTo(Long.toString(n));
            assertThat(Jcs.canonicalize(BigDecimal.valueOf(-n))).isEqualTo(Long.toString(-n));
        }
        assertThat(Jcs.canonicalize(BigDecimal.valueOf(1L << 53))).isEqualTo("9007199254740992");
    }

    @Test
    void canonicalize_stringEscapes_areMinimal() {
        String s = "\u0000\u001f\u007f\u2028/\"\\\b\f\n\r\t€";
        assertThat(Jcs.canonicalize(s)).isEqualTo("\"\\u0000\\u001f\u007f\u2028/\\\"\\\\\\b\\f\\n\\r\\t€\"");
        assertThat(new String(Jcs.bytes(s), StandardCharsets.UTF_8)).isEqualTo(Jcs.canonicalize(s));
    }
}
