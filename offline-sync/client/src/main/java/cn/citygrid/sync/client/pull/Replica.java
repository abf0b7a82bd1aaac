package cn.citygrid.sync.client.pull;

import cn.citygrid.sync.client.store.LocalStore;
import cn.citygrid.sync.protocol.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pulled working set, read by the app: one JSON object per (entity, id), exactly the {@code data} of the last
 * upsert the feed sent. Entities: grid, building, house, resident, task, form, placecode-key (§5).
 */
public final class Replica {
    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private final LocalStore store;

    public Replica(LocalStore store) {
        this.store = store;
    }

    public Optional<Map<String, Object>> get(String entity, String id) {
        return store.read(c -> get(c, entity, id));
    }

    public List<Map<String, Object>> all(String entity) {
        return store.read(c -> query(c, "SELECT data FROM replica WHERE entity = ? ORDER BY id", entity, null));
    }

    /** Rows of {@code entity} whose top-level {@code field} equals {@code value} (SQLite {@code json_extract}). */
    public List<Map<String, Object>> where(String entity, String field, String value) {
        if (!FIELD.matcher(field).matches()) {
            throw new IllegalArgumentException("got field '" + field + "', want " + FIELD.pattern());
        }
        return store.read(c -> query(c, "SELECT data FROM replica WHERE entity = ? AND json_extract(data, '$." + field
                + "') = ? ORDER BY id", entity, value));
    }

    public int count(String entity) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM replica WHERE entity = ?")) {
                ps.setString(1, entity);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.getInt(1);
                }
            }
        });
    }

    public static Optional<Map<String, Object>> get(Connection c, String entity, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT data FROM replica WHERE entity = ? AND id = ?")) {
            ps.setString(1, entity);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(object(rs.getString(1))) : Optional.empty();
            }
        }
    }

    private static List<Map<String, Object>> query(Connection c, String sql, String entity, String value)
            throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, entity);
            if (value != null) {
                ps.setString(2, value);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(object(rs.getString(1)));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String json) {
        return (Map<String, Object>) Json.parse(json);
    }
}
