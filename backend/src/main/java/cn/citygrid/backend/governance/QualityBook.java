package cn.citygrid.backend.governance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * After a batch: issues fixed by it close, new issues join their source-and-rule work order,
 * counters move, and the freshness histograms shift — all incremental, in the batch's transaction.
 */
final class QualityBook {
  private QualityBook() {}

  /** Open issues of earlier batches for row keys this batch carries again, and which it no longer raises. */
  static int closeFixed(Connection c, String source, long batch) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("""
        UPDATE gov.issue i SET status = 'closed', closed_at = now(), closed_by_batch = ?
        WHERE i.status = 'open' AND i.source = ? AND i.batch_id <> ?
          AND i.row_key IN (SELECT row_key FROM stage WHERE row_key IS NOT NULL AND rejected IS NULL)
          AND NOT EXISTS (SELECT 1 FROM gov.issue n WHERE n.batch_id = ? AND n.rule = i.rule
                          AND n.row_key = i.row_key AND n.field IS NOT DISTINCT FROM i.field)""")) {
      s.setLong(1, batch);
      s.setString(2, source);
      s.setLong(3, batch);
      s.setLong(4, batch);
      return s.executeUpdate();
    }
  }

  /** One live work order per source and rule; counts follow; an order with nothing open left is verified. */
  static void workOrders(Connection c, Source source, long batch, QualityRules rules) throws SQLException {
    for (String rule : newRules(c, batch)) {
      try (PreparedStatement s = c.prepareStatement("""
          INSERT INTO gov.work_order (source, rule, title, status, due_at) VALUES (?, ?, ?, 'open', now() + interval '7 days')
          ON CONFLICT (source, rule) WHERE status IN ('open', 'in_progress') DO NOTHING""")) {
        s.setString(1, source.name());
        s.setString(2, rule);
        s.setString(3, source.department() + "·" + source.title() + "：" + title(rules, rule));
        s.executeUpdate();
      }
    }
    exec(c, """
        UPDATE gov.issue i SET work_order_id = w.id FROM gov.work_order w
        WHERE i.batch_id = ? AND w.source = i.source AND w.rule = i.rule AND w.status IN ('open', 'in_progress')""", batch);
    try (PreparedStatement s = c.prepareStatement("""
        UPDATE gov.work_order w SET issues_open = c.n, updated_at = now(),
          status = CASE WHEN c.n = 0 THEN 'verified' ELSE w.status END
        FROM (SELECT w2.id, count(i.id) FILTER (WHERE i.status = 'open') AS n FROM gov.work_order w2
              LEFT JOIN gov.issue i ON i.work_order_id = w2.id
              WHERE w2.source = ? AND w2.status IN ('open', 'in_progress', 'fixed') GROUP BY w2.id) c
        WHERE w.id = c.id AND (w.issues_open <> c.n OR c.n = 0)""")) {
      s.setString(1, source.name());
      s.executeUpdate();
    }
  }

  private static List<String> newRules(Connection c, long batch) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT rule FROM gov.issue WHERE batch_id = ? ORDER BY rule")) {
      s.setLong(1, batch);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static String title(QualityRules rules, String rule) {
    if (rule.startsWith("validity.")) {
      return rules.byId("validity").zh() + "（" + rule.substring("validity.".length()) + "）";
    }
    return rules.rules().stream().filter(r -> r.id().equals(rule)).map(QualityRules.Rule::zh).findFirst().orElse(rule);
  }

  /** Adds the batch's tallies to the source's counters and to the overall ones ('*'). */
  static void counters(Connection c, String source, Map<String, Long> tallies) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE gov.metric SET value = value + ? WHERE name = ? AND source IN (?, '*')")) {
      for (var e : tallies.entrySet()) {
        s.setLong(1, e.getValue());
        s.setString(2, e.getKey());
        s.setString(3, source);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /**
   * Freshness bookkeeping: each touched person's last confirmation by this source moves to today,
   * and the per-day histograms follow (a person counted once per source, on its latest day).
   */
  static void confirmations(Connection c, String source, LocalDate today) throws SQLException {
    exec(c, "CREATE TEMP TABLE touched ON COMMIT DROP AS SELECT DISTINCT person_id FROM stage"
        + " WHERE person_id IS NOT NULL AND rejected IS NULL");
    try (PreparedStatement s = c.prepareStatement("""
        WITH prev AS (SELECT c.last_day, count(*) AS n FROM gov.confirmation c JOIN touched t USING (person_id)
                      WHERE c.source = ? GROUP BY c.last_day),
             dec AS (UPDATE gov.confirmation_day d SET persons = d.persons - prev.n FROM prev
                     WHERE d.source = ? AND d.day = prev.last_day),
             up AS (INSERT INTO gov.confirmation (person_id, source, last_day) SELECT person_id, ?, ? FROM touched
                    ON CONFLICT (person_id, source) DO UPDATE SET last_day = excluded.last_day)
        INSERT INTO gov.confirmation_day (source, day, persons) SELECT ?, ?, count(*) FROM touched
        ON CONFLICT (source, day) DO UPDATE SET persons = gov.confirmation_day.persons + excluded.persons""")) {
      s.setString(1, source);
      s.setString(2, source);
      s.setString(3, source);
      s.setObject(4, today);
      s.setString(5, source);
      s.setObject(6, today);
      s.executeUpdate();
    }
  }

  /** Before survivorship moves fresh_until: remember the old days of the touched persons. */
  static void rememberFreshness(Connection c) throws SQLException {
    exec(c, "CREATE TEMP TABLE fresh_old ON COMMIT DROP AS SELECT p.id, p.fresh_until AS old_day FROM grid.person p"
        + " JOIN (SELECT DISTINCT person_id FROM stage WHERE person_id IS NOT NULL AND rejected IS NULL) t ON t.person_id = p.id");
  }

  /** After it: move the persons whose fresh_until grew from their old day to the new one. */
  static void shiftFreshness(Connection c, LocalDate freshUntil) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("""
        WITH moved AS (SELECT old_day FROM fresh_old WHERE old_day IS NULL OR old_day < ?),
             dec AS (UPDATE gov.fresh_day d SET persons = d.persons - x.n
                     FROM (SELECT old_day, count(*) AS n FROM moved WHERE old_day IS NOT NULL GROUP BY old_day) x
                     WHERE d.day = x.old_day)
        INSERT INTO gov.fresh_day (day, persons) SELECT ?, count(*) FROM moved HAVING count(*) > 0
        ON CONFLICT (day) DO UPDATE SET persons = gov.fresh_day.persons + excluded.persons""")) {
      s.setObject(1, freshUntil);
      s.setObject(2, freshUntil);
      s.executeUpdate();
    }
  }

  static int exec(Connection c, String sql, Object... params) throws SQLException {
    if (params.length == 0) {
      try (Statement s = c.createStatement()) {
        return s.executeUpdate(sql);
      }
    }
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      return s.executeUpdate();
    }
  }
}
