package cn.citygrid.sync.client.transport;

import cn.citygrid.sync.protocol.json.Json;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem as the server sent it: {@code type} (e.g. {@code urn:citygrid:problem:signature-invalid}),
 * {@code title}, {@code status}, {@code detail}, and every member in {@code members} (extensions such as
 * {@code missing}).
 */
public record Problem(String type, String title, int status, String detail, Map<String, Object> members) {
    public Problem {
        members = members == null ? Map.of() : members;
    }

    /** Reads a parsed problem object leniently (missing members become empty). */
    @SuppressWarnings("unchecked")
    public static Problem fromJson(Object json) {
        Map<String, Object> m = json instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        Object status = m.get("status");
        return new Problem(text(m.get("type")), text(m.get("title")),
                status instanceof BigDecimal n ? n.intValue() : 0, text(m.get("detail")), m);
    }

    /** A problem made on the device (no server answer). */
    public static Problem local(String slug, String detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "urn:citygrid:problem:" + slug);
        m.put("title", slug);
        m.put("status", BigDecimal.ZERO);
        m.put("detail", detail);
        return fromJson(m);
    }

    public static Problem parse(String json) {
        return fromJson(Json.parse(json));
    }

    /** The last segment of {@code type}: {@code signature-invalid}. */
    public String slug() {
        int colon = type.lastIndexOf(':');
        return colon < 0 ? type : type.substring(colon + 1);
    }

    public String toJson() {
        return Json.write(members);
    }

    private static String text(Object o) {
        return o instanceof String s ? s : "";
    }
}
