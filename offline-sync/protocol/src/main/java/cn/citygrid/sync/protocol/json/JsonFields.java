package cn.citygrid.sync.protocol.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, path-aware reads of one parsed JSON object, for strict validation. Every failure is a
 * {@link JsonException} whose message starts with the member's dotted path, e.g.
 * {@code "form.version: got number, want string"}.
 */
public final class JsonFields {
    private final Map<String, Object> map;
    private final String path;

    private JsonFields(Map<String, Object> map, String path) {
        this.map = map;
        this.path = path;
    }

    /** Reads {@code value} as an object found at {@code path} ("" for the document root). */
    @SuppressWarnings("unchecked")
    public static JsonFields of(Object value, String path) {
        if (!(value instanceof Map<?, ?>)) {
            String where = path.isEmpty() ? "document" : path;
            throw new JsonException(where + ": got " + typeName(value) + ", want object");
        }
        return new JsonFields((Map<String, Object>) value, path);
    }

    /** Fails if the object has a member outside {@code allowed}. */
    public JsonFields allowOnly(String... allowed) {
        Set<String> ok = new LinkedHashSet<>(Arrays.asList(allowed));
        for (String name : map.keySet()) {
            if (!ok.contains(name)) {
                throw new JsonException(path(name) + ": unexpected member, want only " + ok);
            }
        }
        return this;
    }

    /** Required member of any type other than null. */
    public Object required(String name) {
        Object v = map.get(name);
        if (v == null) {
            throw new JsonException(path(name) + ": " + (map.containsKey(name) ? "got null" : "missing")
                    + ", want a value");
        }
        return v;
    }

    public boolean has(String name) {
        return map.get(name) != null;
    }

    /** Required string member. */
    public String string(String name) {
        return as(name, required(name), String.class, "string");
    }

    /** Optional string member (absent or null → empty). */
    public Optional<String> optionalString(String name) {
        return has(name) ? Optional.of(string(name)) : Optional.empty();
    }

    /** Required integer member within [min, max]. */
    public long integer(String name, long min, long max) {
        BigDecimal n = as(name, required(name), BigDecimal.class, "number");
        BigDecimal whole;
        try {
            whole = new BigDecimal(n.toBigIntegerExact());
        } catch (ArithmeticException e) {
            throw new JsonException(path(name) + ": got " + n.toPlainString() + ", want an integer");
        }
        if (whole.compareTo(BigDecimal.valueOf(min)) < 0 || whole.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new JsonException(path(name) + ": got " + whole + ", want " + min + ".." + max);
        }
        return whole.longValueExact();
    }

    /** Required object member. */
    public JsonFields object(String name) {
        return of(required(name), path(name));
    }

    /** Required array member. */
    public List<Object> array(String name) {
        @SuppressWarnings("unchecked")
        List<Object> list = as(name, required(name), List.class, "array");
        return list;
    }

    /** Required array of strings. */
    public List<String> strings(String name) {
        List<String> out = new ArrayList<>();
        List<Object> list = array(name);
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw new JsonException(path(name) + "[" + i + "]: got " + typeName(list.get(i)) + ", want string");
            }
            out.add(s);
        }
        return out;
    }

    /** The underlying map (as parsed; not copied). */
    public Map<String, Object> map() {
        return map;
    }

    /** Dotted path of a member of this object. */
    public String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** JSON type name of a value in the {@link Json} model. */
    public static String typeName(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map<?, ?>) {
            return "object";
        }
        if (v instanceof List<?>) {
            return "array";
        }
        if (v instanceof Number) {
            return "number";
        }
        return v instanceof Boolean ? "boolean" : v instanceof String ? "string" : v.getClass().getSimpleName();
    }

    private <T> T as(String name, Object v, Class<T> type, String want) {
        if (!type.isInstance(v)) {
            throw new JsonException(path(name) + ": got " + typeName(v) + ", want " + want);
        }
        return type.cast(v);
    }
}
