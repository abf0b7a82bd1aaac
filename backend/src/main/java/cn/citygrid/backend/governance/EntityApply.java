package cn.citygrid.backend.governance;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;

/** How one kind of source row (person, enterprise, house) is staged and applied. */
interface EntityApply {
  String createStage();

  String copySql();

  String stageLine(ProcessedRow row);

  /** The stage column that says a row was linked into a golden record (for the sharing rate). */
  default String linkedColumn() {
    return "person_id";
  }

  /** Applies the staged batch inside the caller's transaction. */
  Applied apply(Connection c, Source source, long batch, Instant at, LocalDate today) throws SQLException;

  /** Golden records the batch created, and rows merged into existing records by a confident match. */
  record Applied(int created, int merged) {}
}
