package cn.citygrid.backend.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The demo city as if it had come through governance: every generated person is on file at 公安
 * (household registration), confirmed on one of the last 40 days before the build (by id),
 * with field provenance marked as demo data; the freshness histograms and counters match.
 * The person's own columns (confirmed_at, fresh_until, provenance) are written with the person, by
 * {@link #columnsFor}: an UPDATE of every person afterwards took half of a 1,000,000-person build.
 */
final class DemoGovernance {
  private static final int DAYS = 40;

  /** The three person columns for each of the 40 confirmation days, as PostgreSQL writes them (COPY text). */
  private final Object[][] byDay;

  private DemoGovernance(Object[][] byDay) {
    this.byDay = byDay;
  }

  /** Asks the database for the columns of each day, so dates and timestamps are its own (time zone included). */
  static DemoGovernance load(Connection c) throws SQLException {
    Object[][] byDay = new Object[DAYS][];
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
        SELECT k, (current_date - k)::timestamptz::text, (current_date - k + 30)::text,
          (SELECT jsonb_object_agg(f, jsonb_build_object('s', 'gongan_hukou', 'b', NULL, 'r', NULL,
              'demo', true, 't', t, 'at', (current_date - k)::timestamptz, 'v', false))
           FROM (VALUES ('name', 100), ('gender', 100), ('birth_date', 100), ('ethnicity', 100),
                        ('registered_region', 100), ('phone', 50)) AS x(f, t))::text
        FROM generate_series(0, %d) AS k""".formatted(DAYS - 1))) {
      while (rs.next()) {
        byDay[rs.getInt(1)] = new Object[] {rs.getString(2), rs.getString(3), rs.getString(4)};
      }
    }
    return new DemoGovernance(byDay);
  }

  /** confirmed_at, fresh_until and provenance of person {@code id}: confirmed {@code id % 40} days ago. */
  Object[] columnsFor(long id) {
    return byDay[(int) (id % DAYS)];
  }

  /** The rest, once the persons are loaded: confirmations by source and day, freshness by day, counters. */
  static void apply(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("""
          INSERT INTO gov.confirmation (person_id, source, last_day)
          SELECT id, 'gongan_hukou', current_date - (id %% %d)::int FROM grid.person""".formatted(DAYS));
      s.execute("DELETE FROM gov.confirmation_day");
      s.execute("""
          INSERT INTO gov.confirmation_day (source, day, persons)
          SELECT source, last_day, count(*) FROM gov.confirmation GROUP BY 1, 2""");
      s.execute("DELETE FROM gov.fresh_day");
      s.execute("""
          INSERT INTO gov.fresh_day (day, persons)
          SELECT fresh_until, count(*) FROM grid.person WHERE fresh_until IS NOT NULL GROUP BY 1""");
      s.execute("UPDATE gov.metric SET value = 0");
      s.execute("UPDATE gov.metric SET value = (SELECT count(*) FROM grid.person) WHERE name = 'persons_total'");
    }
  }
}
