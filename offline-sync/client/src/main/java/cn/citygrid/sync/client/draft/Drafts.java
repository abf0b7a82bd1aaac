package cn.citygrid.sync.client.draft;

import cn.citygrid.sync.client.store.LocalStore;
import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.record.FormRef;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Form drafts in the local store; each save is one committed transaction, so a kill keeps the last save. */
public final class Drafts {
    private final LocalStore store;

    public Drafts(LocalStore store) {
        this.store = store;
    }

    /** Inserts or replaces the draft. */
    public void save(Draft d) {
        List<Object> files = new ArrayList<>();
        d.attachments().forEach(p -> files.add(p.toAbsolutePath().toString()));
        store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO draft (id, form_id, form_version, data, attachments, "
                    + "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET form_id = excluded.form_id, "
                    + "form_version = excluded.form_version, data = excluded.data, attachments = excluded.attachments, "
                    + "updated_at = excluded.updated_at")) {
                ps.setString(1, d.id());
                ps.setString(2, d.form().id());
                ps.setString(3, d.form().version());
                ps.setString(4, Json.write(d.data()));
                ps.setString(5, Json.write(files));
                ps.setLong(6, d.updatedAt().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Draft> find(String id) {
        return store.read(c -> find(c, id));
    }

    public List<Draft> list() {
        return store.read(c -> query(c, "SELECT id, form_id, form_version, data, attachments, updated_at FROM draft "
                + "ORDER BY updated_at DESC", null));
    }

    public void delete(String id) {
        store.inTransaction(c -> delete(c, id));
    }

    /** Deletes in the caller's transaction (used when a draft is captured as a record). */
    public static Void delete(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM draft WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
        return null;
    }

    public static Optional<Draft> find(Connection c, String id) throws SQLException {
        return query(c, "SELECT id, form_id, form_version, data, attachments, updated_at FROM draft WHERE id = ?", id)
                .stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    private static List<Draft> query(Connection c, String sql, String arg) throws SQLException {
        List<Draft> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Path> files = ((List<Object>) Json.parse(rs.getString(5))).stream()
                            .map(o -> Path.of((String) o)).toList();
                    out.add(new Draft(rs.getString(1), new FormRef(rs.getString(2), rs.getString(3)),
                            (Map<String, Object>) Json.parse(rs.getString(4)), files, Instant.ofEpochMilli(rs.getLong(6))));
                }
            }
        }
        return out;
    }
}
