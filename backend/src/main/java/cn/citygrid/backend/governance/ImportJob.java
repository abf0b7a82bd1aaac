package cn.citygrid.backend.governance;

import cn.citygrid.backend.config.DataKeysConfig;
import cn.citygrid.backend.config.DbConfig;
import cn.citygrid.backend.standard.CityDay;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports one department file: stream → standardise → validate → stage (COPY) → resolve → survive →
 * book quality, in one transaction: the batch is applied whole or not at all, and a failed batch is
 * still recorded with the reason. Offline batch work on the caller's thread (JDBC), never an event loop.
 */
public final class ImportJob {
  private static final Logger LOG = LoggerFactory.getLogger(ImportJob.class);
  /** A failure that is not the file's, as the batch records it (the details are in the server log). */
  static final String INTERNAL = "平台内部错误，未应用任何数据（详见服务器日志）/ Internal error, nothing applied (see the server log)";

  private final DbConfig db;
  private final Function<Source, EntityApply> entities;
  private final StandardiserFactory standardisers;
  private final QualityRules rules = QualityRules.load();
  private final Clock clock;

  /** Builds the standardiser for a file (spreadsheets write dates as serial numbers). */
  @FunctionalInterface
  public interface StandardiserFactory {
    FieldStandardiser forFile(RowReaders.Format format, LocalDate today);
  }

  public ImportJob(DbConfig db, DataKeysConfig keys, StandardiserFactory standardisers, Clock clock) {
    this.db = db;
    this.standardisers = standardisers;
    this.clock = clock;
    this.entities = source -> switch (source.entity()) {
      case "person" -> new PersonApply(keys);
      case "enterprise" -> new EnterpriseApply(keys);
      case "house" -> new HouseApply(keys);
      default -> throw new FileFormatException("未知的数据源类型 " + source.entity(), "Unknown kind of source " + source.entity());
    };
  }

  public ImportReport run(String sourceName, Path file, String fileName, Long uploadedBy) throws SQLException, IOException {
    long start = System.nanoTime();
    Instant at = clock.instant();
    LocalDate today = CityDay.of(at);
    String sm3 = FileDigest.sm3(file);
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      c.setAutoCommit(false);
      try {
        importSettings(c);
        Source source = SourceRepository.byName(c, sourceName).orElseThrow(() -> unknownSource(c, sourceName));
        RowReaders.Format format = RowReaders.formatOf(fileName);
        long batch = newBatch(c, source.name(), fileName, format, sm3, uploadedBy);
        BatchRun run = new BatchRun(c, source, entities.apply(source), new RowProcessor(source,
            standardisers.forFile(format, today), rules, today), batch);
        ImportReport report = run.execute(file, format, fileName, at, today, rules, start);
        c.commit();
        return report;
      } catch (FileFormatException e) {
        c.rollback();
        return failed(c, sourceName, fileName, sm3, uploadedBy, e.zh() + " / " + e.getMessage(), start);
      } catch (SQLException | IOException | RuntimeException e) {
        // Not the file's fault (the database, the disk, a bug): nothing applied, the batch recorded as failed
        // without the internal error's words, and the caller gets a 500 whose request id leads to this log.
        c.rollback();
        LOG.error("import of {} into {} failed inside the platform", fileName, sourceName, e);
        failed(c, sourceName, fileName, sm3, uploadedBy, INTERNAL, start);
        throw new IllegalStateException("import of " + fileName + " into " + sourceName + " failed", e);
      }
    }
  }

  /**
   * For this connection's import transaction only. No JIT: each statement runs once over the whole
   * batch, and compiling one took 0.5 to 5 s on the shared two-core machine (the survivorship UPDATE)
   * for less won back. Temporary buffers for the stage (about 100 MB for 200,000 rows; 8 MB by
   * default, so every pass over it went back to the file system), and memory enough to sort it per
   * person without spilling (survivorship, residences); the connection ends with the import.
   */
  private static void importSettings(Connection c) throws SQLException {
    try (var s = c.createStatement()) {
      s.execute("SET temp_buffers = '256MB'");
      s.execute("SET LOCAL jit = off");
      s.execute("SET LOCAL work_mem = '128MB'");
    }
  }

  private static FileFormatException unknownSource(Connection c, String name) {
    try {
      return new FileFormatException("未知的数据源 " + name + "，可用：" + SourceRepository.names(c),
          "Unknown source " + name + "; known: " + SourceRepository.names(c));
    } catch (SQLException e) {
      return new FileFormatException("未知的数据源 " + name, "Unknown source " + name);
    }
  }

  private static long newBatch(Connection c, String source, String fileName, RowReaders.Format format, String sm3,
      Long uploadedBy) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("""
        INSERT INTO gov.batch (source, file_name, format, file_sm3, status, uploaded_by) VALUES (?, ?, ?, ?, 'applied', ?)
        RETURNING id""")) {
      s.setString(1, source);
      s.setString(2, fileName);
      s.setString(3, format.name());
      s.setString(4, sm3);
      s.setObject(5, uploadedBy);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Records the failed batch (when the source is known) in its own transaction: nothing else of it stays. */
  private static ImportReport failed(Connection c, String source, String fileName, String sm3, Long uploadedBy,
      String reason, long start) throws SQLException {
    Long batch = null;
    try (PreparedStatement s = c.prepareStatement("""
        INSERT INTO gov.batch (source, file_name, format, file_sm3, status, uploaded_by, report)
        SELECT name, ?, ?, ?, 'failed', ?, jsonb_build_object('failure', ?::text) FROM gov.source WHERE name = ?
        RETURNING id""")) {
      s.setString(1, fileName);
      s.setString(2, formatOrCsv(fileName));
      s.setString(3, sm3);
      s.setObject(4, uploadedBy);
      s.setString(5, reason);
      s.setString(6, source);
      try (ResultSet rs = s.executeQuery()) {
        batch = rs.next() ? rs.getLong(1) : null;
      }
      c.commit();
    }
    return new ImportReport(batch, source, fileName, "failed", 0, 0, 0, 0, 0, 0, 0, 0, List.of(), reason,
        (System.nanoTime() - start) / 1_000_000);
  }

  private static String formatOrCsv(String fileName) {
    try {
      return RowReaders.formatOf(fileName).name();
    } catch (FileFormatException e) {
      return "csv";
    }
  }
}
