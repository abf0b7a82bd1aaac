package cn.citygrid.sync.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** ECMAScript number printing over random doubles: round-trips, is stable, and is never longer than Java's. */
class JcsNumberPropertiesTest {
    @Property(tries = 3000)
    void number_roundTripsToTheSameDouble(@ForAll double d) {
        if (!Double.isFinite(d)) {
            return;
        }
        String text = Jcs.canonicalize(d);
        assertThat(Double.parseDouble(text)).isEqualTo(d == 0 ? 0.0 : d);
        assertThat(Jcs.canonicalizeJson(text)).isEqualTo(text);
        assertThat(significantDigits(text)).isLessThanOrEqualTo(significantDigits(Double.toString(Math.abs(d))));
    }

    @Property(tries = 2000)
    void number_fromBitPatterns_roundTripsAndIsStable(@ForAll long bits) {
        double d = Double.longBitsToDouble(bits);
        if (!Double.isFinite(d)) {
            return;
        }
        String text = Jcs.canonicalize(d);
        assertThat(new BigDecimal(text).doubleValue()).isEqualTo(d == 0 ? 0.0 : d);
        assertThat(Jcs.canonicalize(new BigDecimal(text))).isEqualTo(text);
    }

    private static int significantDigits(String s) {
        String mantissa = s.replace("-", "").split("[eE]")[0].replace(".", "");
        return mantissa.replaceAll("^0+", "").replaceAll("0+$", "").length();
    }

}
