package cn.citygrid.sync.protocol.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Recursive-descent RFC 8259 parser behind {@link Json#parse(String)}; one instance per document. */
final class JsonParser {
    static final int MAX_DEPTH = 64;
    private final String s;
    private int pos;
    private int depth;

    JsonParser(String s) {
        this.s = s;
    }

    Object document() {
        skipWhitespace();
        Object value = value();
        skipWhitespace();
        if (pos != s.length()) {
            throw error("got trailing content '" + excerpt() + "', want end of input");
        }
        return value;
    }

    private Object value() {
        if (pos >= s.length()) {
            throw error("got end of input, want a value");
        }
        char c = s.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("got '" + excerpt() + "', want a value");
            }
        };
    }

    private Map<String, Object> object() {
        enter();
        Map<String, Object> out = new LinkedHashMap<>();
        pos++;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return out;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("got '" + excerpt() + "', want a member name string");
            }
            int keyAt = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object v = value();
            if (out.containsKey(key)) {
                throw new JsonException("duplicate member name \"" + key + "\" at offset " + keyAt);
            }
            out.put(key, v);
            skipWhitespace();
            if (peek() == ',') {
                pos++;
                continue;
            }
            expect('}');
            depth--;
            return out;
        }
    }

    private List<Object> array() {
        enter();
        List<Object> out = new ArrayList<>();
        pos++;
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return out;
        }
        while (true) {
            skipWhitespace();
            out.add(value());
            skipWhitespace();
            if (peek() == ',') {
                pos++;
                continue;
            }
            expect(']');
            depth--;
            return out;
        }
    }

    private String string() {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw new JsonException("unterminated string starting at offset " + start);
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                break;
            } else if (c == '\\') {
                sb.append(escape());
            } else if (c < 0x20) {
                throw new JsonException(String.format("got raw control character U+%04X at offset %d, want it escaped",
                        (int) c, pos - 1));
            } else {
                sb.append(c);
            }
        }
        String out = sb.toString();
        Json.requireWellFormed(out, "string at offset " + start);
        return out;
    }

    private char escape() {
        if (pos >= s.length()) {
            throw error("got end of input, want an escape character");
        }
        char e = s.charAt(pos++);
        return switch (e) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicodeEscape();
            default -> throw new JsonException("got escape '\\" + e + "' at offset " + (pos - 2)
                    + ", want one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
        };
    }

    private char unicodeEscape() {
        if (pos + 4 > s.length()) {
            throw error("got truncated \\u escape, want 4 hex digits");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos + i), 16);
            if (d < 0) {
                throw error("got '" + s.substring(pos, pos + 4) + "' after \\u, want 4 hex digits");
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private BigDecimal number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            throw error("got '" + excerpt() + "', want a digit");
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                throw error("got '" + excerpt() + "', want a digit after '.'");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw error("got '" + excerpt() + "', want an exponent digit");
            }
        }
        String text = s.substring(start, pos);
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new JsonException("number " + text + " at offset " + start + " is out of range", e);
        }
    }

    private boolean digits() {
        int start = pos;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
            pos++;
        }
        return pos > start;
    }

    private Object literal(String word, Object value) {
        if (!s.startsWith(word, pos)) {
            throw error("got '" + excerpt() + "', want " + word);
        }
        pos += word.length();
        return value;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("got nesting deeper than " + MAX_DEPTH + " levels, want at most " + MAX_DEPTH);
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("got '" + excerpt() + "', want '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private String excerpt() {
        if (pos >= s.length()) {
            return "<end of input>";
        }
        return s.substring(pos, Math.min(s.length(), pos + 12));
    }

    private JsonException error(String message) {
        return new JsonException(message + " (offset " + pos + ")");
    }
}
