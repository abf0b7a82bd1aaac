package cn.citygrid.sync.protocol.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * Strict JSON (RFC 8259) without a library.
 *
 * <p>Value model, both directions: object = {@code Map<String, Object>} (parsed as {@link java.util.LinkedHashMap}
 * in document order), array = {@code List<Object>}, string = {@link String}, number = {@link BigDecimal}
 * (writer also takes Integer, Long, BigInteger, and finite Double/Float), {@code true}/{@code false} =
 * {@link Boolean}, {@code null} = Java null.
 *
 * <p>The parser rejects: duplicate member names, trailing content, unescaped control characters, invalid
 * escapes, lone surrogates (raw or escaped), leading zeros, and nesting deeper than 64. It never returns a
 * partial result.
 */
public final class Json {
    private Json() {
    }

    /**
     * Parses one JSON text.
     *
     * @throws JsonException naming the first problem and its offset
     */
    public static Object parse(String text) {
        return new JsonParser(text).document();
    }

    /** Parses UTF-8 bytes; malformed UTF-8 is rejected rather than replaced. */
    public static Object parse(byte[] utf8) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
            return parse(text);
        } catch (CharacterCodingException e) {
            throw new JsonException("input is not valid UTF-8: " + e.getMessage(), e);
        }
    }

    /** Compact JSON text of {@code value}, objects in their map's iteration order. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value) {
        if (value == null || value instanceof Boolean) {
            sb.append(value);
        } else if (value instanceof String str) {
            writeString(sb, str);
        } else if (value instanceof Number n) {
            sb.append(numberText(n));
        } else if (value instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(first ? "" : ",");
                first = false;
                writeString(sb, memberName(e.getKey()));
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
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

    static String memberName(Object key) {
        if (!(key instanceof String s)) {
            throw new JsonException("got member name of type " + (key == null ? "null" : key.getClass().getName())
                    + ", want String");
        }
        return s;
    }

    private static String numberText(Number n) {
        if (n instanceof BigDecimal || n instanceof BigInteger || n instanceof Long || n instanceof Integer
                || n instanceof Short || n instanceof Byte) {
            return n.toString();
        }
        if (n instanceof Double || n instanceof Float) {
            return EcmaNumber.format(n.doubleValue());
        }
        throw new JsonException("got number type " + n.getClass().getName() + ", want BigDecimal, Long or Double");
    }

    /**
     * Appends {@code s} as a JSON string with the minimal escaping of RFC 8785 §3.2.2.2: {@code \"}, {@code \\},
     * {@code \b \t \n \f \r}, other controls as backslash-u escapes with 4 lowercase hex digits; everything else literal.
     */
    static void writeString(StringBuilder sb, String s) {
        requireWellFormed(s, "string");
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Rejects strings holding a lone (unpaired) UTF-16 surrogate: they have no UTF-8 form. */
    static void requireWellFormed(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new JsonException(String.format("%s holds a lone surrogate U+%04X at index %d", what, (int) c, i));
            }
        }
    }
}
