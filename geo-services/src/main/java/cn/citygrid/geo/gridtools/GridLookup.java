package cn.citygrid.geo.gridtools;

import cn.citygrid.geo.crs.Crs;
import cn.citygrid.geo.crs.CrsTransform;
import cn.citygrid.geo.crs.LonLat;
import cn.citygrid.geo.tiles.TileScope;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;

/**
 * Spatial look-ups, all limited to the caller's scope: the grid at a point, the houses in a
 * polygon, the nearest houses, per-grid statistics. Inputs are in the caller's {@link Crs} and
 * converted to CGCS2000; positions come back in the caller's Crs, labelled.
 */
public final class GridLookup {
  private final Pool pool;

  public GridLookup(Pool pool) {
    this.pool = pool;
  }

  public Future<Optional<GridRef>> gridAt(double lon, double lat, Crs crs, TileScope scope) {
    LonLat p = CrsTransform.transform(lon, lat, crs, Crs.CGCS2000);
    return pool.preparedQuery(GridSql.GRID_AT).execute(Tuple.of(p.lon(), p.lat(), scope.likePatterns()))
        .map(rows -> rows.size() == 0 ? Optional.<GridRef>empty()
            : Optional.of(gridRef(rows.iterator().next())));
  }

  /** Houses inside {@code polygon} (in {@code crs}), by id, at most {@code limit}. */
  public Future<List<HouseRef>> housesWithin(Geometry polygon, Crs crs, TileScope scope, int limit) {
    Geometry storage = CrsTransform.transform(polygon, crs, Crs.CGCS2000);
    return pool.preparedQuery(GridSql.HOUSES_WITHIN)
        .execute(Tuple.of(GridRepository.wkb(storage), scope.likePatterns(), limit))
        .map(rows -> houses(rows, crs));
  }

  /** The {@code n} houses nearest to the point by geodesic distance (ties by id), with their distance in metres. */
  public Future<List<HouseRef>> nearestHouses(double lon, double lat, Crs crs, int n, TileScope scope) {
    LonLat p = CrsTransform.transform(lon, lat, crs, Crs.CGCS2000);
    return pool.preparedQuery(GridSql.NEAREST_HOUSES).execute(Tuple.of(p.lon(), p.lat(), scope.likePatterns(), n))
        .map(rows -> houses(rows, crs));
  }

  /** Statistics of every grid in scope, by code (see grid.unit_grid_stats: kept current by triggers). */
  public Future<List<GridStats>> stats(TileScope scope) {
    return pool.preparedQuery(GridSql.STATS).execute(Tuple.of((Object) scope.likePatterns())).map(rows -> {
      List<GridStats> stats = new ArrayList<>();
      rows.forEach(r -> stats.add(new GridStats(r.getString(0), r.getInteger(1), r.getInteger(2), r.getInteger(3),
          r.getInteger(4), r.getInteger(5), r.getOffsetDateTime(6))));
      return stats;
    });
  }

  /** Recomputes the statistics of {@code codes} (null: all grids); e.g. nightly, as residences end by date. */
  public Future<Integer> refreshStats(List<String> codes) {
    Object param = codes == null ? null : codes.toArray(String[]::new);
    return pool.preparedQuery(GridSql.REFRESH_STATS).execute(Tuple.of(param)).map(rows -> rows.iterator().next().getInteger(0));
  }

  private static GridRef gridRef(Row r) {
    return new GridRef(r.getString(0), r.getString(1), r.getString(2));
  }

  private static List<HouseRef> houses(io.vertx.sqlclient.RowSet<Row> rows, Crs crs) {
    List<HouseRef> houses = new ArrayList<>();
    for (Row r : rows) {
      LonLat p = CrsTransform.transform(r.getDouble(4), r.getDouble(5), Crs.CGCS2000, crs);
      houses.add(new HouseRef(r.getLong(0), r.getString(1), r.getString(2), r.getString(3), p.lon(), p.lat(), crs, r.getDouble(6)));
    }
    return houses;
  }
}
