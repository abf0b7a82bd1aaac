package cn.citygrid.forms;

import java.util.List;
import java.util.Map;

/** Edits a copy of a payload at a JSON Pointer, for tampering and failure cases in tests. */
public final class Payloads {

    private Payloads() {}

    public static Map<String, Object> with(Map<String, Object> payload, String pointer, Object value) {
        Map<String, Object> copy = Json.roundTrip(payload);
        edit(copy, pointer, value, false);
        return copy;
    }

    public static Map<String, Object> without(Map<String, Object> payload, String pointer) {
        Map<String, Object> copy = Json.roundTrip(payload);
        edit(copy, pointer, null, true);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static void edit(Object root, String pointer, Object value, boolean remove) {
        String[] segments = pointer.substring(1).split("/");
        Object node = root;
        for (int i = 0; i < segments.length - 1; i++) {
            node = node instanceof List<?> list ? list.get(Integer.parseInt(segments[i]))
                    : ((Map<String, Object>) node).computeIfAbsent(segments[i], k -> new java.util.LinkedHashMap<>());
        }
        String last = segments[segments.length - 1];
        if (node instanceof List<?> list) {
            if (remove) {
                list.remove(Integer.parseInt(last));
            } else {
                ((List<Object>) list).set(Integer.parseInt(last), value);
            }
        } else if (remove) {
            ((Map<String, Object>) node).remove(last);
        } else {
            ((Map<String, Object>) node).put(last, value);
        }
    }
}
