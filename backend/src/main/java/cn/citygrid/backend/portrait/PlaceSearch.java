package cn.citygrid.backend.portrait;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.Paging;
import cn.citygrid.backend.http.Text;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Function;

/**
 * Houses by address and enterprises by name or credit code, in the caller's grids. Neither answer
 * holds personal data (a house gives only how many live there), so these reads are not access-logged;
 * opening a resident or a legal representative is, through the portraits.
 */
public final class PlaceSearch {
  private static final String HOUSES = """
      SELECT h.id, h.address, h.grid_code, h.usage, h.area_m2::text AS area,
             (SELECT count(*) FROM grid.residence r WHERE r.house_id = h.id AND r.until IS NULL) AS residents
      FROM grid.house h
      WHERE h.address LIKE '%' || $1 || '%' AND ($2::text[] IS NULL OR h.grid_code LIKE ANY ($2))
      ORDER BY h.address, h.id LIMIT $3 OFFSET $4""";

  private static final String ENTERPRISES = """
      SELECT e.credit_code, e.name, e.kind, e.industry, e.status, e.address, e.grid_code
      FROM grid.enterprise e
      WHERE (e.name LIKE '%' || $1 || '%' OR e.credit_code LIKE upper($1) || '%')
        AND ($2::text[] IS NULL OR e.grid_code LIKE ANY ($2))
      ORDER BY e.name, e.credit_code LIMIT $3 OFFSET $4""";

  private final Pool pool;

  public PlaceSearch(Pool pool) {
    this.pool = pool;
  }

  public Future<JsonObject> houses(Principal caller, String q, Paging paging) {
    return page(HOUSES, caller, q, paging, r -> new JsonObject().put("id", r.getLong("id"))
        .put("address", r.getString("address")).put("gridCode", r.getString("grid_code"))
        .put("usage", r.getString("usage")).put("areaM2", r.getString("area")).put("residents", r.getLong("residents")));
  }

  public Future<JsonObject> enterprises(Principal caller, String q, Paging paging) {
    return page(ENTERPRISES, caller, q, paging, r -> new JsonObject().put("creditCode", r.getString("credit_code"))
        .put("name", r.getString("name")).put("kind", r.getString("kind")).put("industry", r.getString("industry"))
        .put("status", r.getString("status")).put("address", r.getString("address"))
        .put("gridCode", r.getString("grid_code")));
  }

  /** One page (and whether there is more) of {@code sql} for a search text of at least two characters. */
  private Future<JsonObject> page(String sql, Principal caller, String q, Paging paging, Function<Row, JsonObject> item) {
    String text = q == null ? "" : q.trim().replace("%", "").replace("_", "");
    if (text.codePointCount(0, text.length()) < 2) {
      throw DomainException.validation(List.of(new DomainException.FieldError("q", "too-short",
          Text.of("请输入至少 2 个字", "Type at least 2 characters"))));
    }
    String[] prefixes = PersonPortraits.Scope.of(caller).prefixes();
    return pool.preparedQuery(sql).execute(Tuple.of(text, prefixes, paging.size() + 1, paging.offset()))
        .map((RowSet<Row> rows) -> {
          JsonArray items = new JsonArray();
          boolean more = false;
          for (Row r : rows) {
            if (items.size() == paging.size()) {
              more = true;
              break;
            }
            items.add(item.apply(r));
          }
          return paging.toJson(items, more);
        });
  }
}
