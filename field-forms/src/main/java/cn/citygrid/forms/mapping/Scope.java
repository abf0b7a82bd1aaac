package cn.citygrid.forms.mapping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where mapping paths are read: {@code /visit/house_id} from the payload's root,
 * {@code m/name} from loop variable {@code m}, {@code flag} is the variable itself. Segments walk
 * objects by key and arrays by 0-based index; a path that leads nowhere reads as null.
 */
record Scope(Map<String, ?> root, Map<String, Object> variables) {

    Scope with(String variable, Object value) {
        Map<String, Object> bound = new HashMap<>(variables);
        bound.put(variable, value);
        return new Scope(root, bound);
    }

    Object read(String path) {
        String[] segments = path.split("/", -1);
        Object value;
        int first;
        if (path.startsWith("/")) {
            value = root;
            first = 1;
        } else {
            value = variables.get(segments[0]);
            first = 1;
        }
        for (int i = first; i < segments.length && value != null; i++) {
            value = step(value, segments[i]);
        }
        return value == null || "".equals(value) ? null : value;
    }

    private static Object step(Object value, String segment) {
        if (value instanceof Map<?, ?> map) {
            return map.get(segment);
        }
        if (value instanceof List<?> list && segment.matches("0|[1-9][0-9]{0,8}")) {
            int index = Integer.parseInt(segment);
            return index < list.size() ? list.get(index) : null;
        }
        return null;
    }
}
