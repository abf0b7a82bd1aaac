package cn.citygrid.backend.geo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The per-grid statistics count a resident as current through the last day of their residence in the city's
 * calendar (Asia/Shanghai), whatever time zone the session that changes the residence runs in (V26).
 */
class GridStatsDayIT {
  @Test
  void aResidenceThatEndedYesterdayInBeijing_isNotCounted_evenFromASessionWhoseDateIsStillYesterday() throws Exception {
    try (TestDatabase db = TestDatabase.create(GridStatsDayIT.class)) {
      TestApp.seedDemo(db, 600);
      String[] picked = db.rows("""
          SELECT r.id::text, h.grid_code FROM grid.residence r JOIN grid.house h ON h.id = r.house_id
          WHERE r.until IS NULL ORDER BY r.id LIMIT 1""").stream().map(row -> new String[] {(String) row[0], (String) row[1]})
          .findFirst().orElseThrow();
      LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        // UTC-12: its date is Beijing's yesterday except from 20:00 to midnight Beijing time.
        s.execute("SET TimeZone = 'Etc/GMT+12'");
        s.execute("UPDATE grid.residence SET until = date '" + today.minusDays(1) + "' WHERE id = " + picked[0]);
        s.execute("SELECT grid.refresh_unit_grid_stats(ARRAY['" + picked[1] + "'])");
        try (ResultSet rs = s.executeQuery("SELECT persons FROM grid.unit_grid_stats WHERE grid_code = '" + picked[1] + "'")) {
          rs.next();
          assertThat(rs.getString(1)).isEqualTo(db.scalar("""
              SELECT count(DISTINCT r.person_id) FROM grid.residence r JOIN grid.house h ON h.id = r.house_id
              WHERE h.grid_code = '%s' AND (r.until IS NULL OR r.until >= date '%s')""".formatted(picked[1], today)));
        }
      }
    }
  }
}
