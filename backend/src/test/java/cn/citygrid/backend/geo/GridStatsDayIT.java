package cn.citygrid.backend.geo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.standard.CityDay;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

  /**
   * A residence ending yesterday wrote nothing today: {@link StatsDay#recount} (run at each city midnight) brings
   * the grid's count down and tells the tile caches which houses' tiles changed. The date passing is played by
   * setting {@code until} with the triggers that would have recounted at once switched off.
   */
  @Test
  void theMidnightRecount_dropsAResidentWhoseResidenceEndedYesterday_andTheirHousesTiles() throws Exception {
    try (TestDatabase db = TestDatabase.create(GridStatsDayIT.class)) {
      TestApp.seedDemo(db, 600);
      TestApp app = TestApp.start(db);
      try {
        Object[] picked = db.rows("""
            SELECT r.id::text, h.grid_code FROM grid.residence r JOIN grid.house h ON h.id = r.house_id
            WHERE r.until IS NULL AND NOT EXISTS (SELECT 1 FROM grid.residence o WHERE o.person_id = r.person_id AND o.id <> r.id
              AND o.house_id IN (SELECT id FROM grid.house WHERE grid_code = h.grid_code))
            ORDER BY r.id LIMIT 1""").get(0);
        String grid = (String) picked[1];
        String counted = "SELECT persons FROM grid.unit_grid_stats WHERE grid_code = '" + grid + "'";
        int before = Integer.parseInt(db.scalar(counted));
        LocalDate yesterday = CityDay.today().minusDays(1);
        db.execute("ALTER TABLE grid.residence DISABLE TRIGGER USER");
        db.execute("UPDATE grid.residence SET until = date '" + yesterday + "' WHERE id = " + picked[0]);
        db.execute("ALTER TABLE grid.residence ENABLE TRIGGER USER");
        assertThat(Integer.parseInt(db.scalar(counted))).as("nothing recounted yet").isEqualTo(before);

        CompletableFuture<String> told = new CompletableFuture<>();
        app.app().geo().listener().onHandled(payload -> {
          if (payload.contains("\"residence\"")) {
            told.complete(payload);
          }
        });
        int grids = StatsDay.recount(app.app().database().pool()).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertThat(grids).isEqualTo(Integer.parseInt(db.scalar("SELECT count(*) FROM grid.unit_grid")));
        assertThat(Integer.parseInt(db.scalar(counted))).isEqualTo(before - 1);
        JsonArray box = new JsonObject(told.get(10, TimeUnit.SECONDS)).getJsonArray("bbox");
        String house = "(SELECT geom FROM grid.house WHERE id = (SELECT house_id FROM grid.residence WHERE id = " + picked[0] + "))";
        assertThat(box.getDouble(0)).isLessThanOrEqualTo(Double.parseDouble(db.scalar("SELECT ST_X(" + house + ")")));
        assertThat(box.getDouble(2)).isGreaterThanOrEqualTo(Double.parseDouble(db.scalar("SELECT ST_X(" + house + ")")));
      } finally {
        app.close();
      }
    }
  }

  @Test
  void theRecount_isDueAtTheNextMidnightInBeijing() {
    assertThat(StatsDay.untilMidnight(Instant.parse("2026-11-27T15:59:00Z"))).isEqualTo(Duration.ofMinutes(1));
    assertThat(StatsDay.untilMidnight(Instant.parse("2026-11-27T16:00:00Z"))).isEqualTo(Duration.ofHours(24));
    assertThat(StatsDay.untilMidnight(Instant.parse("2026-11-27T00:00:00Z"))).isEqualTo(Duration.ofHours(16));
  }
}
