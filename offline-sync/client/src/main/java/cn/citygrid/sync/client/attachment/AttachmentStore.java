package cn.citygrid.sync.client.attachment;

import cn.citygrid.sync.client.transport.Slot;
import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.record.AttachmentRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The attachment tables: one row per SM3 ({@code pending} until the server holds the verified object, then
 * {@code present}; {@code refused} if the server will not take it) and the record → attachment links. All methods
 * run inside the caller's transaction.
 */
public final class AttachmentStore {
    private AttachmentStore() {
    }

    /** A pending attachment, with the multipart progress kept on the device. */
    public record Pending(Slot.Request request, String file, String uploadId, long partSize, List<Slot.Part> parts) {}

    /** Adds the attachment (if new) and links it to {@code recordId}. */
    public static void link(Connection c, String recordId, AttachmentFiles.Stored s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO attachment (sm3, size, media_type, file, state) "
                + "VALUES (?, ?, ?, ?, 'pending') ON CONFLICT (sm3) DO NOTHING")) {
            ps.setString(1, s.ref().sm3());
            ps.setLong(2, s.ref().size());
            ps.setString(3, s.ref().mediaType());
            ps.setString(4, s.file());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO record_attachment (record_id, name, sm3) VALUES (?, ?, ?)")) {
            ps.setString(1, recordId);
            ps.setString(2, s.ref().name());
            ps.setString(3, s.ref().sm3());
            ps.executeUpdate();
        }
    }

    /** The stored attachments of a record, as the record names them. */
    public static List<AttachmentFiles.Stored> ofRecord(Connection c, String recordId) throws SQLException {
        List<AttachmentFiles.Stored> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ra.name, a.media_type, a.size, a.sm3, a.file "
                + "FROM record_attachment ra JOIN attachment a ON a.sm3 = ra.sm3 WHERE ra.record_id = ? ORDER BY ra.rowid")) {
            ps.setString(1, recordId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AttachmentFiles.Stored(new AttachmentRef(rs.getString(1), rs.getString(2), rs.getLong(3),
                            rs.getString(4)), rs.getString(5)));
                }
            }
        }
        return out;
    }

    /**
     * Attachments to offer the server, named by records that are waiting and due at {@code now}, at most
     * {@code limit}: pending ones, and refused ones a new record names again (asked again, the server refuses them
     * again and that record is rejected too, rather than waiting for bytes that will never be taken).
     */
    public static List<Pending> dueForUpload(Connection c, long now, int limit) throws SQLException {
        List<Pending> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT a.sm3, a.size, a.media_type, a.file, a.upload_id, "
                + "a.part_size, a.parts FROM attachment a JOIN record_attachment ra ON ra.sm3 = a.sm3 "
                + "JOIN outbox o ON o.record_id = ra.record_id WHERE a.state IN ('pending', 'refused') AND o.state = 'waiting' "
                + "AND o.next_attempt_at <= ? LIMIT ?")) {
            ps.setLong(1, now);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Pending(new Slot.Request(rs.getString(1), rs.getLong(2), rs.getString(3)),
                            rs.getString(4), rs.getString(5), rs.getLong(6), parts(rs.getString(7))));
                }
            }
        }
        return out;
    }

    public static void markPresent(Connection c, String sm3) throws SQLException {
        update(c, "UPDATE attachment SET state = 'present', last_error = NULL WHERE sm3 = ?", sm3);
    }

    public static void markRefused(Connection c, String sm3, String why) throws SQLException {
        update(c, "UPDATE attachment SET state = 'refused', last_error = ? WHERE sm3 = ?", why, sm3);
    }

    /** Records waiting to be sent that name attachment {@code sm3}. */
    public static List<String> waitingRecordsOf(Connection c, String sm3) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT ra.record_id FROM record_attachment ra "
                + "JOIN outbox o ON o.record_id = ra.record_id WHERE ra.sm3 = ? AND o.state = 'waiting'")) {
            ps.setString(1, sm3);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Back to pending (the server said it is missing after all); multipart progress is kept. */
    public static void markPending(Connection c, Collection<String> sm3s) throws SQLException {
        for (String sm3 : sm3s) {
            update(c, "UPDATE attachment SET state = 'pending' WHERE sm3 = ? AND state = 'present'", sm3);
        }
    }

    public static void noteError(Connection c, String sm3, String error) throws SQLException {
        update(c, "UPDATE attachment SET last_error = ? WHERE sm3 = ?", error, sm3);
    }

    /** Records one uploaded part of {@code uploadId}; progress of another upload id is discarded. */
    public static void addPart(Connection c, String sm3, String uploadId, long partSize, Slot.Part part) throws SQLException {
        List<Slot.Part> parts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT upload_id, parts FROM attachment WHERE sm3 = ?")) {
            ps.setString(1, sm3);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && uploadId.equals(rs.getString(1))) {
                    parts.addAll(parts(rs.getString(2)));
                }
            }
        }
        parts.removeIf(p -> p.partNumber() == part.partNumber());
        parts.add(part);
        List<Object> json = new ArrayList<>();
        parts.forEach(p -> json.add(Map.of("partNumber", BigDecimal.valueOf(p.partNumber()), "etag", p.etag())));
        update(c, "UPDATE attachment SET upload_id = ?, part_size = ?, parts = ? WHERE sm3 = ?",
                uploadId, partSize, Json.write(json), sm3);
    }

    /** Deletes files in {@code dir} that no attachment row names (left by a crash between copy and commit). */
    public static int removeOrphans(Connection c, Path dir) throws SQLException {
        Set<String> known = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT file FROM attachment"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                known.add(rs.getString(1));
            }
        }
        int removed = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                if (!known.contains(p.getFileName().toString()) && Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    @SuppressWarnings("unchecked")
    private static List<Slot.Part> parts(String json) {
        List<Slot.Part> out = new ArrayList<>();
        for (Object o : (List<Object>) Json.parse(json)) {
            Map<String, Object> m = (Map<String, Object>) o;
            out.add(new Slot.Part(((BigDecimal) m.get("partNumber")).intValue(), (String) m.get("etag")));
        }
        return out;
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
