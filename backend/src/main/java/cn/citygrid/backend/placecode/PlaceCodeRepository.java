package cn.citygrid.backend.placecode;

import cn.citygrid.sync.protocol.placecode.PlaceCode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Houses and places as code sites: id, address and grid (for the scope check). */
final class PlaceCodeRepository {
  private final Pool pool;

  PlaceCodeRepository(Pool pool) {
    this.pool = pool;
  }

  record Site(PlaceCode.Kind kind, String id, String address, String gridCode, String label) {}

  Future<Optional<Site>> site(PlaceCode.Kind kind, long id) {
    String sql = kind == PlaceCode.Kind.HOUSE
        ? "SELECT id, address, grid_code, unit || '单元' || room FROM grid.house WHERE id = $1"
        : "SELECT id, address, grid_code, name FROM grid.place WHERE id = $1";
    return pool.preparedQuery(sql).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(site(kind, rows.iterator().next())));
  }

  Future<List<Site>> housesOfGrid(String grid, int offset, int limit) {
    return pool.preparedQuery("""
            SELECT id, address, grid_code, unit || '单元' || room FROM grid.house WHERE grid_code = $1
            ORDER BY building_id, unit, room LIMIT $2 OFFSET $3""")
        .execute(Tuple.of(grid, limit, offset))
        .map(rows -> {
          List<Site> out = new ArrayList<>();
          rows.forEach(r -> out.add(site(PlaceCode.Kind.HOUSE, r)));
          return out;
        });
  }

  private static Site site(PlaceCode.Kind kind, Row r) {
    return new Site(kind, String.valueOf(r.getLong(0)), r.getString(1), r.getString(2), r.getString(3));
  }
}
