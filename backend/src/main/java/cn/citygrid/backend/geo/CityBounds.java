package cn.citygrid.backend.geo;

import cn.citygrid.geo.tiles.TileConfig;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.concurrent.TimeUnit;

/** The lon/lat box of every region, advertised in TileJSON and centring the map style; the world while there is no city. */
final class CityBounds {
  private static final String EXTENT = """
      SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
      FROM (SELECT ST_Extent(geom) AS e FROM grid.region) x WHERE e IS NOT NULL""";

  private CityBounds() {}

  /** Blocking: waits for the query on the calling thread (start-up only, never an event loop). */
  static double[] read(Pool pool) throws Exception {
    var rows = pool.query(EXTENT).execute().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    if (rows.size() == 0) {
      return TileConfig.WORLD;
    }
    Row r = rows.iterator().next();
    return new double[] {r.getDouble(0), r.getDouble(1), r.getDouble(2), r.getDouble(3)};
  }
}
