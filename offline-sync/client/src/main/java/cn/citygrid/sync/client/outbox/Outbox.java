package cn.citygrid.sync.client.outbox;

import cn.citygrid.sync.client.transport.Problem;
import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.record.FormRef;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import cn.citygrid.sync.protocol.record.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outbox table. Every method runs in the caller's connection (and, for writes, its transaction). Rows are
 * inserted already signed and are never deleted or re-signed: the {@code envelope} text sent is always the text
 * stored.
 */
public final class Outbox {
    private static final String COLUMNS = "record_id, client_id, kind, form_id, form_version, captured_at, state, "
            + "attempts, next_attempt_at, last_error, problem, received_at, receipt_state, receipt, flags, corrects, envelope";

    private Outbox() {
    }

    /** A claimed row: what to send. */
    public record Claimed(String recordId, String envelope, int attempts) {}

    /** Inserts a freshly signed record as {@code waiting}, due now. */
    public static void insert(Connection c, RecordEnvelope e, String kind, String corrects, Long clockOffsetMs, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (record_id, client_id, kind, form_id, "
                + "form_version, captured_at, envelope, state, corrects, clock_offset_ms, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?)")) {
            ps.setString(1, e.recordId());
            ps.setString(2, (String) e.payload().get("clientId"));
            ps.setString(3, kind);
            ps.setString(4, e.form().id());
            ps.setString(5, e.form().version());
            ps.setString(6, Timestamps.format(e.capturedAt()));
            ps.setString(7, e.toJson());
            ps.setString(8, corrects);
            ps.setObject(9, clockOffsetMs);
            ps.setLong(10, now);
            ps.executeUpdate();
        }
    }

    /**
     * Claims up to {@code limit} due {@code waiting} rows of {@code kind} whose attachments are no longer pending,
     * oldest first, marking them {@code uploading}.
     */
    public static List<Claimed> claimDue(Connection c, String kind, long now, int limit) throws SQLException {
        List<Claimed> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT record_id, envelope, attempts FROM outbox o "
                + "WHERE state = 'waiting' AND kind = ? AND next_attempt_at <= ? AND NOT EXISTS (SELECT 1 FROM "
                + "record_attachment ra JOIN attachment a ON a.sm3 = ra.sm3 WHERE ra.record_id = o.record_id "
                + "AND a.state = 'pending') ORDER BY rowid LIMIT ?")) {
            ps.setString(1, kind);
            ps.setLong(2, now);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Claimed(rs.getString(1), rs.getString(2), rs.getInt(3)));
                }
            }
        }
        for (Claimed claimed : out) {
            update(c, "UPDATE outbox SET state = 'uploading' WHERE record_id = ?", claimed.recordId());
        }
        return out;
    }

    /** Returns claimed rows to {@code waiting} (the request got no per-record answer), noting why. */
    public static void release(Connection c, List<String> recordIds, String error) throws SQLException {
        for (String id : recordIds) {
            update(c, "UPDATE outbox SET state = 'waiting', last_error = ? WHERE record_id = ? AND state = 'uploading'",
                    error, id);
        }
    }

    /** At open: a sync that was running when the process died left rows {@code uploading}; they wait again. */
    public static int resetInterrupted(Connection c) throws SQLException {
        return update(c, "UPDATE outbox SET state = 'waiting' WHERE state = 'uploading'");
    }

    /** The server holds the record: terminal state, receive time, flags; the receipt follows. */
    public static void acknowledge(Connection c, String recordId, OutboxState state, Instant receivedAt,
                                   List<String> flags) throws SQLException {
        update(c, "UPDATE outbox SET state = ?, received_at = ?, flags = ?, problem = NULL, last_error = NULL, "
                + "receipt_state = 'pending', receipt_next_at = 0 WHERE record_id = ?",
                state.name(), Timestamps.format(receivedAt), Json.write(flags), recordId);
    }

    public static void reject(Connection c, String recordId, Problem problem) throws SQLException {
        update(c, "UPDATE outbox SET state = 'rejected', problem = ?, last_error = ? WHERE record_id = ?",
                problem.toJson(), problem.slug() + ": " + problem.detail(), recordId);
    }

    /** Not stored by the server this time: wait until {@code nextAttemptAt} and try again. */
    public static void retryLater(Connection c, String recordId, int attempts, long nextAttemptAt, Problem problem)
            throws SQLException {
        update(c, "UPDATE outbox SET state = 'waiting', attempts = ?, next_attempt_at = ?, problem = ?, last_error = ? "
                + "WHERE record_id = ?", attempts, nextAttemptAt, problem == null ? null : problem.toJson(),
                problem == null ? "retry" : problem.slug() + ": " + problem.detail(), recordId);
    }

    /** A record whose receipt is due to be fetched or checked. */
    public record ReceiptDue(String recordId, String envelope, Instant receivedAt) {}

    public static List<ReceiptDue> receiptsDue(Connection c, long now, int limit) throws SQLException {
        List<ReceiptDue> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT record_id, envelope, received_at FROM outbox "
                + "WHERE receipt_state = 'pending' AND receipt_next_at <= ? ORDER BY rowid LIMIT ?")) {
            ps.setLong(1, now);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ReceiptDue(rs.getString(1), rs.getString(2), Timestamps.parse(rs.getString(3))));
                }
            }
        }
        return out;
    }

    /** Stores a receipt with the result of its offline check ({@code error} null when it verified). */
    public static void storeReceipt(Connection c, String recordId, String receiptJson, String error) throws SQLException {
        update(c, "UPDATE outbox SET receipt = ?, receipt_state = ?, last_error = ? WHERE record_id = ?", receiptJson,
                error == null ? ReceiptState.verified.name() : ReceiptState.invalid.name(), error, recordId);
    }

    public static void receiptLater(Connection c, String recordId, long nextAt) throws SQLException {
        update(c, "UPDATE outbox SET receipt_next_at = ? WHERE record_id = ?", nextAt, recordId);
    }

    public static List<OutboxEntry> list(Connection c) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM outbox ORDER BY rowid", null);
    }

    public static Optional<OutboxEntry> find(Connection c, String recordId) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM outbox WHERE record_id = ?", recordId).stream().findFirst();
    }

    /** Count of rows per state, for the app's badge and for tests. */
    public static long count(Connection c, OutboxState state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox WHERE state = ?")) {
            ps.setString(1, state.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.getLong(1);
            }
        }
    }

    private static List<OutboxEntry> query(Connection c, String sql, String arg) throws SQLException {
        List<OutboxEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static OutboxEntry entry(ResultSet rs) throws SQLException {
        String problem = rs.getString(11);
        String received = rs.getString(12);
        String flags = rs.getString(15);
        return new OutboxEntry(rs.getString(1), rs.getString(2), rs.getString(3), new FormRef(rs.getString(4),
                rs.getString(5)), Timestamps.parse(rs.getString(6)), OutboxState.valueOf(rs.getString(7)), rs.getInt(8),
                Instant.ofEpochMilli(rs.getLong(9)), rs.getString(10), problem == null ? null : Problem.parse(problem),
                received == null ? null : Timestamps.parse(received), ReceiptState.valueOf(rs.getString(13)),
                rs.getString(14), flags == null ? List.of() : (List<String>) (List<?>) Json.parse(flags),
                rs.getString(16), rs.getString(17));
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }
}
