package cn.citygrid.sync.client.proposal;

import cn.citygrid.sync.protocol.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The proposal table: one row per proposal record, its outcome updated from upload results and from the change
 * feed's {@code proposal} entities. Methods run in the caller's connection/transaction.
 */
public final class Proposals {
    /** The reserved form of proposal records. */
    public static final String FORM_ID = "citygrid.proposal";
    public static final String FORM_VERSION = "1";

    private Proposals() {
    }

    public static void insert(Connection c, String recordId, String entity, String entityId, String field, Object value,
                              Object base) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO proposal (record_id, entity, entity_id, field, value, "
                + "base, outcome) VALUES (?, ?, ?, ?, ?, ?, 'pending')")) {
            ps.setString(1, recordId);
            ps.setString(2, entity);
            ps.setString(3, entityId);
            ps.setString(4, field);
            ps.setString(5, Json.write(value));
            ps.setString(6, Json.write(base));
            ps.executeUpdate();
        }
    }

    /**
     * Records an outcome; returns false if this device holds no such proposal (another device of the worker made it)
     * or the outcome is not new.
     */
    public static boolean decide(Connection c, String recordId, ProposalOutcome outcome, String reason,
                                 Object currentValue, String decidedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE proposal SET outcome = ?, reason = ?, current_value = ?, "
                + "decided_at = ? WHERE record_id = ? AND (outcome <> ? OR decided_at IS NOT ?)")) {
            ps.setString(1, outcome.name());
            ps.setString(2, reason);
            ps.setString(3, currentValue == null ? null : Json.write(currentValue));
            ps.setString(4, decidedAt);
            ps.setString(5, recordId);
            ps.setString(6, outcome.name());
            ps.setString(7, decidedAt);
            return ps.executeUpdate() == 1;
        }
    }

    /** Applies a change-feed {@code proposal} entity ({@code data} as §6 defines it). */
    public static boolean decideFromFeed(Connection c, String recordId, Map<String, Object> data) throws SQLException {
        Object outcome = data.get("outcome");
        ProposalOutcome parsed;
        try {
            parsed = ProposalOutcome.valueOf(String.valueOf(outcome));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return decide(c, recordId, parsed, data.get("reason") instanceof String s ? s : null, data.get("value"),
                data.get("decidedAt") instanceof String d ? d : null);
    }

    public static List<ProposalView> list(Connection c) throws SQLException {
        List<ProposalView> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT record_id, entity, entity_id, field, value, base, outcome, "
                + "reason, current_value, decided_at FROM proposal ORDER BY rowid"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String current = rs.getString(9);
                out.add(new ProposalView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Json.parse(rs.getString(5)), Json.parse(rs.getString(6)), ProposalOutcome.valueOf(rs.getString(7)),
                        rs.getString(8), current == null ? null : Json.parse(current), rs.getString(10)));
            }
        }
        return out;
    }
}
