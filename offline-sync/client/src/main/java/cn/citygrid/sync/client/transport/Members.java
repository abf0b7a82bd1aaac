package cn.citygrid.sync.client.transport;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Lenient typed reads of a server answer object; a wrong shape is a 502-like {@link ApiException}. */
final class Members {
    private final Map<String, Object> map;
    private final String what;

    private Members(Map<String, Object> map, String what) {
        this.map = map;
        this.what = what;
    }

    @SuppressWarnings("unchecked")
    static Members of(Object json, String what) {
        if (!(json instanceof Map<?, ?> m)) {
            throw bad(what + ": got " + (json == null ? "nothing" : json.getClass().getSimpleName()) + ", want an object");
        }
        return new Members((Map<String, Object>) m, what);
    }

    Map<String, Object> raw() {
        return map;
    }

    String string(String name) {
        Object v = map.get(name);
        if (!(v instanceof String s)) {
            throw bad(what + "." + name + ": missing or not a string");
        }
        return s;
    }

    String optString(String name) {
        return map.get(name) instanceof String s ? s : null;
    }

    long number(String name, long otherwise) {
        return map.get(name) instanceof BigDecimal n ? n.longValue() : otherwise;
    }

    boolean bool(String name) {
        return Boolean.TRUE.equals(map.get(name));
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String name) {
        Object v = map.get(name);
        return v instanceof List<?> l ? (List<Object>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String name) {
        return map.get(name) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    static ApiException bad(String detail) {
        return new ApiException(502, Problem.local("bad-answer", detail), null);
    }
}
