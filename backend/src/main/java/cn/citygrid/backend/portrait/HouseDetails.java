package cn.citygrid.backend.portrait;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.Text;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One house for the map and the house page: where it is, its current residents (masked as person
 * search masks them, and each one listed is a logged read) and its latest field records. A house
 * outside the caller's grids does not exist for them; a data steward sees only the residents their
 * department's sources confirm, as with portraits.
 */
public final class HouseDetails {
  static final Text NOT_FOUND = Text.of("房屋不存在或不在管辖范围内", "No such house in your scope");

  private final Pool pool;
  private final PersonPortraits portraits;

  public HouseDetails(Pool pool, PersonPortraits portraits) {
    this.pool = pool;
    this.portraits = portraits;
  }

  public Future<JsonObject> byId(Principal caller, long id, Purpose purpose, String requestId) {
    PersonPortraits.Scope scope = PersonPortraits.Scope.of(caller);
    return pool.preparedQuery(PortraitSql.HOUSE).execute(Tuple.of(id, (Object) scope.prefixes()))
        .map(rows -> {
          if (rows.size() == 0) {
            throw DomainException.notFound(NOT_FOUND);
          }
          return house(rows.iterator().next());
        })
        .compose(house -> pool.preparedQuery(PortraitSql.HOUSE_RESIDENTS).execute(Tuple.of(id, scope.prefixes(), scope.department()))
            .compose(rows -> residents(caller, purpose, requestId, rows))
            .map(residents -> house.put("residents", residents).put("disclosure", disclosure(caller, purpose))));
  }

  /** The residents as listed; each is logged as read before the answer goes out. */
  private Future<JsonArray> residents(Principal caller, Purpose purpose, String requestId, Iterable<Row> rows) {
    Set<Disclosure.Field> clear = Disclosure.clear(caller, purpose);
    JsonArray residents = new JsonArray();
    List<Future<Void>> reads = new ArrayList<>();
    for (Row r : rows) {
      residents.add(PersonSearch.item(r, clear.contains(Disclosure.Field.NAME)).put("kind", r.getString("kind"))
          .put("since", r.getLocalDate("since") == null ? null : r.getLocalDate("since").toString()));
      reads.add(portraits.logRead(caller, r.getLong("id"), purpose, "house", requestId));
    }
    return Future.all(reads).map(v -> residents);
  }

  /** Residents show a name and a masked ID number: only the name can be in clear here. */
  private static JsonObject disclosure(Principal caller, Purpose purpose) {
    boolean names = Disclosure.clear(caller, purpose).contains(Disclosure.Field.NAME);
    return new JsonObject().put("purpose", purpose.code()).put("clear", names ? new JsonArray().add("name") : new JsonArray());
  }

  private static JsonObject house(Row r) {
    String visits = r.getString("visits");
    return new JsonObject().put("id", r.getLong("id")).put("address", r.getString("address"))
        .put("gridCode", r.getString("grid_code")).put("gridName", r.getString("grid_name")).put("usage", r.getString("usage"))
        .put("areaM2", r.getString("area")).put("buildingId", r.getLong("building_id"))
        .put("lon", r.getDouble("lon")).put("lat", r.getDouble("lat")).put("coordinates", "CGCS2000")
        .put("visits", visits == null ? new JsonArray() : new JsonArray(visits));
  }
}
