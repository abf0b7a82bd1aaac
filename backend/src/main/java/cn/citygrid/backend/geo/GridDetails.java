package cn.citygrid.backend.geo;

import cn.citygrid.backend.auth.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * One unit grid as the map shows it on a click: its name and community, its statistics (the
 * trigger-kept grid.unit_grid_stats, open events included since V28) and its grid workers
 * ({@code grid.workers_of}, V29: the same rule the map's labels use). Holds no personal data of
 * residents, so it is not access-logged.
 */
final class GridDetails {
  private static final String GRID = """
      SELECT g.code, g.name, g.community_code, c.name AS community_name,
        coalesce(s.houses, 0) AS houses, coalesce(s.persons, 0) AS persons, coalesce(s.enterprises, 0) AS enterprises,
        coalesce(s.places, 0) AS places, coalesce(s.open_events, 0) AS open_events, s.refreshed_at,
        (SELECT json_agg(json_build_object('username', w.username, 'displayName', w.display_name, 'scope', w.node_code)
                         ORDER BY w.username)
         FROM grid.workers_of(g.code) w)::text AS workers
      FROM grid.unit_grid g LEFT JOIN grid.unit_grid_stats s ON s.grid_code = g.code
      LEFT JOIN grid.region c ON c.code = g.community_code
      WHERE g.code = $1""";

  private final Pool pool;

  GridDetails(Pool pool) {
    this.pool = pool;
  }

  /** A grid outside the caller's scope is as missing as one that does not exist (GeoScopes.requireGrid). */
  Future<JsonObject> byCode(Principal caller, String code) {
    if (!code.matches("[0-9]{15}")) {
      throw GeoScopes.gridNotFound(code);
    }
    GeoScopes.requireGrid(caller, code);
    return pool.preparedQuery(GRID).execute(Tuple.of(code)).map(rows -> {
      if (rows.size() == 0) {
        throw GeoScopes.gridNotFound(code);
      }
      return json(rows.iterator().next());
    });
  }

  private static JsonObject json(Row r) {
    String workers = r.getString("workers");
    return new JsonObject().put("code", r.getString("code")).put("name", r.getString("name"))
        .put("communityCode", r.getString("community_code")).put("communityName", r.getString("community_name"))
        .put("stats", new JsonObject().put("houses", r.getInteger("houses")).put("persons", r.getInteger("persons"))
            .put("enterprises", r.getInteger("enterprises")).put("places", r.getInteger("places"))
            .put("openEvents", r.getLong("open_events"))
            .put("refreshedAt", r.getOffsetDateTime("refreshed_at") == null ? null : r.getOffsetDateTime("refreshed_at").toString()))
        .put("workers", workers == null ? new JsonArray() : new JsonArray(workers));
  }
}
