package cn.citygrid.sync.protocol.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * ECMAScript Number::toString (ECMA-262 §6.1.6.1.20, as required by RFC 8785 §3.2.2.3) for finite doubles.
 *
 * <p>Java 17's {@code Double.toString} is not always shortest, so the digits are found here directly: the
 * fewest significant digits k whose decimal rounds back to the same double, choosing among k-digit candidates
 * the one closest to the exact binary value.
 */
final class EcmaNumber {
    private static final double TWO_53 = 9007199254740992.0;

    private EcmaNumber() {
    }

    static String format(double d) {
        if (!Double.isFinite(d)) {
            throw new JsonException("got " + d + ", want a finite number (JSON has no NaN or Infinity)");
        }
        if (d == 0) {
            return "0";
        }
        if (Math.abs(d) < TWO_53 && d == Math.rint(d)) {
            return Long.toString((long) d);
        }
        BigDecimal shortest = shortest(Math.abs(d));
        String digits = shortest.unscaledValue().toString();
        int n = digits.length() - shortest.scale();
        return (d < 0 ? "-" : "") + layout(digits, n);
    }

    /** Shortest decimal that parses back to {@code x} (x > 0, finite), trailing zeros stripped. */
    private static BigDecimal shortest(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
            boolean downOk = down.doubleValue() == x;
            boolean upOk = up.doubleValue() == x;
            if (downOk && upOk) {
                int cmp = exact.subtract(down).compareTo(up.subtract(exact));
                BigDecimal pick = cmp < 0 ? down : cmp > 0 ? up : evenOf(down, up);
                return pick.stripTrailingZeros();
            }
            if (downOk || upOk) {
                return (downOk ? down : up).stripTrailingZeros();
            }
        }
        throw new IllegalStateException("no round-trip decimal within 17 digits for " + x);
    }

    private static BigDecimal evenOf(BigDecimal a, BigDecimal b) {
        return a.unscaledValue().testBit(0) ? b : a;
    }

    /** Places digits d1..dk with decimal exponent n (value = 0.d1..dk × 10^n) per ECMA-262 steps 6–10. */
    private static String layout(String digits, int n) {
        int k = digits.length();
        if (k <= n && n <= 21) {
            return digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + digits;
        }
        int e = n - 1;
        String exponent = (e < 0 ? "-" : "+") + Math.abs(e);
        String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + "e" + exponent;
    }
}
