package cn.citygrid.sync.protocol.record;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The form a record was captured with: {@code {"id":"household-visit","version":"2026112701"}}.
 *
 * @param id      {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}
 * @param version {@code [A-Za-z0-9._-]{1,64}}
 */
public record FormRef(String id, String version) {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public FormRef {
        if (id == null || !ID.matcher(id).matches()) {
            throw new EnvelopeException("form.id: got '" + id + "', want " + ID.pattern());
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new EnvelopeException("form.version: got '" + version + "', want " + VERSION.pattern());
        }
    }

    Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("version", version);
        return m;
    }
}
