package cn.citygrid.backend.geo;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;

/** The backend's own SQL around the grid tools: account scopes that follow a merge, and community extents. */
final class GridEditRepository {
  /** Accounts scoped to the absorbed grid are scoped to the grid that absorbed it (once, if they had both). */
  private static final String MOVE_SCOPES = """
      WITH moved AS (DELETE FROM auth.account_scope WHERE node_code = $1 RETURNING account_id),
      added AS (INSERT INTO auth.account_scope (account_id, node_code) SELECT account_id, $2 FROM moved
                ON CONFLICT DO NOTHING)
      SELECT account_id FROM moved""";

  private static final String COMMUNITY_EXTENT = """
      SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
      FROM (SELECT ST_Extent(geom) AS e FROM grid.region WHERE code = ANY ($1)) x WHERE e IS NOT NULL""";

  private final Pool pool;

  GridEditRepository(Pool pool) {
    this.pool = pool;
  }

  /** Re-points the scopes inside the merge's transaction; returns the accounts whose scope changed. */
  static Future<List<Long>> moveScopes(SqlConnection conn, String absorbed, String keep) {
    return conn.preparedQuery(MOVE_SCOPES).execute(Tuple.of(absorbed, keep)).map(rows -> {
      List<Long> ids = new ArrayList<>();
      rows.forEach(r -> ids.add(r.getLong(0)));
      return ids;
    });
  }

  /** The box around the boundaries of {@code communities} (CGCS2000 lon/lat), if any of them exists. */
  Future<Optional<Envelope>> communityExtent(Collection<String> communities) {
    return pool.preparedQuery(COMMUNITY_EXTENT).execute(Tuple.of((Object) communities.toArray(String[]::new)))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new Envelope(r.getDouble(0), r.getDouble(2), r.getDouble(1), r.getDouble(3)));
        });
  }
}
