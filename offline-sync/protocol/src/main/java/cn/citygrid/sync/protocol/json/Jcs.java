package cn.citygrid.sync.protocol.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * JSON Canonicalization Scheme, RFC 8785: no whitespace, object members sorted by the UTF-16 code units of
 * their names, strings minimally escaped, numbers as IEEE 754 doubles printed by ECMAScript rules. The canonical
 * text is what the protocol hashes and signs, always as UTF-8.
 *
 * <p>Precondition: the value uses the {@link Json} value model. Numbers are converted to the nearest double
 * (as the RFC requires); a number beyond the double range, NaN, or a lone surrogate is an error.
 */
public final class Jcs {
    private Jcs() {
    }

    /** Canonical text of a value in the {@link Json} model. */
    public static String canonicalize(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    /** Canonical text of a JSON text (parsed strictly first). */
    public static String canonicalizeJson(String json) {
        return canonicalize(Json.parse(json));
    }

    /** UTF-8 bytes of {@link #canonicalize(Object)}: the bytes to hash or sign. */
    public static byte[] bytes(Object value) {
        return canonicalize(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical text of one number; e.g. {@code 1E+2} → {@code 100}, {@code 1e21} → {@code 1e+21}. */
    public static String number(Number n) {
        double d = toDouble(n);
        return EcmaNumber.format(d);
    }

    private static void write(StringBuilder sb, Object value) {
        if (value == null || value instanceof Boolean) {
            sb.append(value);
        } else if (value instanceof String s) {
            Json.writeString(sb, s);
        } else if (value instanceof Number n) {
            sb.append(number(n));
        } else if (value instanceof Map<?, ?> map) {
            writeObject(sb, map);
        } else if (value instanceof Collection<?> list) {
            sb.append('[');
            boolean first = true;
            for (Object item : list) {
                sb.append(first ? "" : ",");
                first = false;
                write(sb, item);
            }
            sb.append(']');
        } else {
            throw new JsonException("got a " + value.getClass().getName() + ", want a JSON value type");
        }
    }

    private static void writeObject(StringBuilder sb, Map<?, ?> map) {
        List<String> names = new ArrayList<>(map.size());
        for (Object key : map.keySet()) {
            names.add(Json.memberName(key));
        }
        // String.compareTo orders by UTF-16 code units, exactly RFC 8785 §3.2.3.
        names.sort(String::compareTo);
        sb.append('{');
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? "" : ",");
            Json.writeString(sb, names.get(i));
            sb.append(':');
            write(sb, map.get(names.get(i)));
        }
        sb.append('}');
    }

    private static double toDouble(Number n) {
        boolean known = n instanceof BigDecimal || n instanceof BigInteger || n instanceof Double
                || n instanceof Float || n instanceof Long || n instanceof Integer || n instanceof Short
                || n instanceof Byte;
        if (!known) {
            throw new JsonException("got number type " + n.getClass().getName() + ", want BigDecimal, Long or Double");
        }
        double d = n.doubleValue();
        if (Double.isInfinite(d) && !(n instanceof Double || n instanceof Float)) {
            throw new JsonException("number " + n + " is outside the IEEE 754 double range");
        }
        return d;
    }
}
