package cn.citygrid.sync.client.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Small named values of the sync (cursor, generation, clock estimate, last sync), read and written in SQL. */
public final class SyncState {
    public static final String CURSOR = "cursor";
    public static final String GENERATION = "generation";
    public static final String RESETTING = "resetting";
    public static final String LAST_SYNC = "lastSync";
    public static final String CLOCK = "clock";

    private SyncState() {
    }

    public static Optional<String> get(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM sync_state WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public static void put(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    public static void remove(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sync_state WHERE key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }
}
