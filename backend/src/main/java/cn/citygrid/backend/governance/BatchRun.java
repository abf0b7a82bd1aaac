package cn.citygrid.backend.governance;

import cn.citygrid.backend.db.CopyText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * One batch inside the import transaction: rows are read in order, processed in parallel chunks
 * (standardising is the CPU-heavy part), written in order to the stage table by COPY while their
 * issues spool to a temporary file; then the entity applies the stage and the quality book closes.
 */
final class BatchRun {
  static final int CHUNK = 2000;
  static final int MAX_REJECTED_SHOWN = 50;

  private final Connection c;
  private final Source source;
  private final EntityApply entity;
  private final RowProcessor processor;
  private final long batch;
  private final Tallies tallies = new Tallies();
  private final List<String> rejected = new ArrayList<>();
  private long rejectedCount;

  BatchRun(Connection c, Source source, EntityApply entity, RowProcessor processor, long batch) {
    this.c = c;
    this.source = source;
    this.entity = entity;
    this.processor = processor;
    this.batch = batch;
  }

  ImportReport execute(Path file, RowReaders.Format format, String fileName, Instant at, LocalDate today,
      QualityRules rules, long start) throws SQLException, IOException {
    PersonApply.exec(c, entity.createStage());
    PersonApply.exec(c, PersonFacts.STAGE_ISSUES);
    Path issues = Files.createTempFile("citygrid-issues", ".copy");
    try {
      stage(file, format, issues);
      copyIssues(issues);
      EntityApply.Applied applied = entity.apply(c, source, batch, at, today);
      int closed = QualityBook.closeFixed(c, source.name(), batch);
      QualityBook.workOrders(c, source, batch, rules);
      QualityBook.counters(c, source.name(), finalTallies(applied));
      long reviews = count("SELECT count(*) FROM gov.match_review WHERE batch_id = " + batch);
      long rows = tallies.get("rows_total");
      finish(rows, closed);
      return new ImportReport(batch, source.name(), fileName, "applied", rows, rows - rejectedCount, rejectedCount,
          count("SELECT count(*) FROM gov.issue WHERE batch_id = " + batch), applied.created(),
          applied.merged(), reviews, closed, List.copyOf(rejected), null, (System.nanoTime() - start) / 1_000_000);
    } finally {
      Files.deleteIfExists(issues);
    }
  }

  private java.util.Map<String, Long> finalTallies(EntityApply.Applied applied) throws SQLException {
    tallies.add("rows_linked", count("SELECT count(*) FROM stage WHERE " + entity.linkedColumn() + " IS NOT NULL"));
    tallies.add("persons_total", applied.created());
    return tallies.counts();
  }

  /** Reads, processes (in parallel, in order) and COPYs the rows; the header must carry the needed columns. */
  private void stage(Path file, RowReaders.Format format, Path issues) throws SQLException, IOException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
    try (RowReader reader = RowReaders.open(file, format);
         BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
             new PGCopyOutputStream(c.unwrap(PGConnection.class), entity.copySql()), StandardCharsets.UTF_8), 1 << 16);
         BufferedWriter spool = Files.newBufferedWriter(issues, StandardCharsets.UTF_8)) {
      List<String> missing = RowReaders.missing(reader.header(), source.neededColumns());
      if (!missing.isEmpty()) {
        throw new FileFormatException("文件缺少列：" + missing, "The file lacks the columns " + missing);
      }
      List<Future<List<String[]>>> inFlight = new ArrayList<>();
      while (reader.hasNext()) {
        List<SourceRow> chunk = new ArrayList<>(CHUNK);
        while (reader.hasNext() && chunk.size() < CHUNK) {
          chunk.add(reader.next());
        }
        inFlight.add(pool.submit(() -> lines(chunk)));
        // Two chunks per core in flight: enough to keep the cores busy, little in memory.
        while (inFlight.size() > 2 * Runtime.getRuntime().availableProcessors()) {
          write(inFlight.remove(0), out, spool);
        }
      }
      for (Future<List<String[]>> f : inFlight) {
        write(f, out, spool);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** [stage line, issue lines] per row, plus a third slot naming a rejection. */
  private List<String[]> lines(List<SourceRow> chunk) {
    List<String[]> out = new ArrayList<>(chunk.size());
    for (SourceRow row : chunk) {
      ProcessedRow r = processor.process(row);
      StringBuilder issueLines = new StringBuilder();
      r.issues().forEach(i -> issueLines.append(CopyText.row(r.rowNo(), i.rule(), i.field(), i.value(), i.message())));
      synchronized (tallies) {
        tallies.row(r, source);
      }
      out.add(new String[] {entity.stageLine(r), issueLines.toString(), r.rejected()});
    }
    return out;
  }

  private void write(Future<List<String[]>> chunk, BufferedWriter out, BufferedWriter spool) throws IOException {
    try {
      for (String[] row : chunk.get()) {
        out.write(row[0]);
        spool.write(row[1]);
        if (row[2] != null) {
          rejectedCount++;
          if (rejected.size() < MAX_REJECTED_SHOWN) {
            rejected.add(row[2]);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause());
    }
  }

  private void copyIssues(Path issues) throws SQLException, IOException {
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    try (Reader in = Files.newBufferedReader(issues, StandardCharsets.UTF_8)) {
      copy.copyIn("COPY stage_issue (row_no, rule, field, value, message) FROM STDIN", in);
    }
  }

  private void finish(long rows, int closed) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("""
        UPDATE gov.batch SET rows_total = ?, rows_applied = ?, rows_rejected = ?,
          issues = (SELECT count(*) FROM gov.issue WHERE batch_id = ?), applied_at = now(),
          report = jsonb_build_object('issuesClosed', ?::int) WHERE id = ?""")) {
      s.setLong(1, rows);
      s.setLong(2, rows - rejectedCount);
      s.setLong(3, rejectedCount);
      s.setLong(4, batch);
      s.setInt(5, closed);
      s.setLong(6, batch);
      s.executeUpdate();
    }
  }

  private long count(String sql) throws SQLException {
    try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
