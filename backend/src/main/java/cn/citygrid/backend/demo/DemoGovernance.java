package cn.citygrid.backend.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The demo city as if it had come through governance: every generated person is on file at 公安
 * (household registration), confirmed on one of the last 40 days before the build (by id),
 * with field provenance marked as demo data; the freshness histograms and counters match.
 */
final class DemoGovernance {
  private DemoGovernance() {}

  static void apply(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("""
          UPDATE grid.person SET confirmed_at = (current_date - (id % 40)::int)::timestamptz,
            fresh_until = current_date - (id % 40)::int + 30,
            provenance = (SELECT jsonb_object_agg(f, jsonb_build_object('s', 'gongan_hukou', 'b', NULL, 'r', NULL,
                'demo', true, 't', t, 'at', (current_date - (id % 40)::int)::timestamptz, 'v', false))
              FROM (VALUES ('name', 100), ('gender', 100), ('birth_date', 100), ('ethnicity', 100),
                           ('registered_region', 100), ('phone', 50)) AS x(f, t))""");
      s.execute("""
          INSERT INTO gov.confirmation (person_id, source, last_day)
          SELECT id, 'gongan_hukou', current_date - (id % 40)::int FROM grid.person""");
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
