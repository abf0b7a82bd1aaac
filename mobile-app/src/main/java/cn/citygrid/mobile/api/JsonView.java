package cn.citygrid.mobile.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Lenient reads of the protocol's JSON model (maps, lists, strings, BigDecimal, booleans) for display: the
 * server decides what synced entities hold (docs/sync-protocol.md §5), so a missing member is empty, not an error.
 */
public final class JsonView {
    private JsonView() {
    }

    public static String text(Map<String, Object> m, String key) {
        Object v = m == null ? null : m.get(key);
        return v == null ? "" : v instanceof BigDecimal n ? n.toPlainString() : v.toString();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object json) {
        return json instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object json) {
        return json instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** A {@code [lon, lat]} member as two doubles, or null. */
    public static double[] lonLat(Map<String, Object> m, String key) {
        List<Object> l = list(m.get(key));
        if (l.size() < 2 || !(l.get(0) instanceof BigDecimal lon) || !(l.get(1) instanceof BigDecimal lat)) {
            return null;
        }
        return new double[] {lon.doubleValue(), lat.doubleValue()};
    }
}
