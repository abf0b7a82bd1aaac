package cn.citygrid.backend.geo;

import cn.citygrid.backend.ledger.LedgerAppender;
import cn.citygrid.backend.standard.CityDay;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The city's day turning: residences end by date, and a date passing writes nothing, so no trigger sees a
 * resident stop being current. At every midnight in the city (Asia/Shanghai) the ledger leader recounts the
 * per-grid statistics of every grid and drops the cached tiles of the houses whose residences ended the day
 * before (the data-quality layer draws current residents only).
 */
public final class StatsDay {
  private static final Logger LOG = LoggerFactory.getLogger(StatsDay.class);
  private static final String RECOUNT = """
      WITH ended AS (
        SELECT ST_Extent(h.geom) AS box FROM grid.residence r JOIN grid.house h ON h.id = r.house_id
        WHERE r.until = (now() AT TIME ZONE 'Asia/Shanghai')::date - 1
      ), told AS (
        SELECT grid.notify_tiles('residence', box) FROM ended WHERE box IS NOT NULL
      )
      SELECT grid.refresh_unit_grid_stats(NULL), (SELECT count(*) FROM told)""";

  private StatsDay() {}

  /** Recounts at each coming midnight in the city, while this node leads the ledger. */
  public static void start(Vertx vertx, Pool pool, LedgerAppender appender, Clock clock) {
    vertx.setTimer(Math.max(1, untilMidnight(clock.instant()).toMillis()), id ->
        (appender.leader() ? recount(pool) : Future.succeededFuture(-1))
            .onFailure(e -> LOG.error("the day's grid statistics could not be recounted", e))
            .onComplete(done -> start(vertx, pool, appender, clock)));
  }

  /** Time from {@code now} to the next midnight in the city. */
  static Duration untilMidnight(Instant now) {
    return Duration.between(now, CityDay.of(now).plusDays(1).atStartOfDay(CityDay.ZONE).toInstant());
  }

  /** Recounts every grid's statistics; completes with the number of grids counted. */
  public static Future<Integer> recount(Pool pool) {
    return pool.query(RECOUNT).execute().map(rows -> {
      int grids = rows.iterator().next().getInteger(0);
      LOG.info("a new day in the city: statistics of {} grids recounted", grids);
      return grids;
    });
  }
}
