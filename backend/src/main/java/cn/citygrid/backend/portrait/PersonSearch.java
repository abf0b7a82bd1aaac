package cn.citygrid.backend.portrait;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.governance.IdLookup;
import cn.citygrid.backend.http.Paging;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;


/**
 * Finds persons in the caller's scope by ID number (exact, through the blind index) or by the
 * beginning of their name — the whole name while names are masked for the caller and purpose;
 * results are masked like portraits, and each person listed is a read.
 */
public final class PersonSearch {
  private final Pool pool;
  private final PersonPortraits portraits;

  public PersonSearch(Pool pool, PersonPortraits portraits) {
    this.pool = pool;
    this.portraits = portraits;
  }

  public Future<JsonObject> search(Principal caller, String q, Paging paging, Purpose purpose, String rid) {
    String query = q == null ? "" : q.trim();
    String id = IdLookup.looksLikeIdNumber(query) ? IdLookup.idNumber(query) : null;
    PersonPortraits.Scope scope = PersonPortraits.Scope.of(caller);
    boolean names = Disclosure.clear(caller, purpose).contains(Disclosure.Field.NAME);
    // a prefix while names are masked would spell a masked name out one character at a time
    String name = id == null && !query.isEmpty() ? query.replace("%", "").replace("_", "") + (names ? "%" : "") : null;
    Future<String> bidx = id == null ? Future.succeededFuture(null) : portraits.idNumberIndex(id);
    return bidx.compose(index -> pool.preparedQuery(PortraitSql.SEARCH)
            .execute(Tuple.of(index, scope.prefixes(), scope.department(), name, paging.size() + 1, paging.offset())))
        .compose(rows -> {
          List<Row> found = new ArrayList<>();
          rows.forEach(found::add);
          boolean more = found.size() > paging.size();
          List<Row> page = more ? found.subList(0, paging.size()) : found;
          List<Future<Void>> reads = page.stream().map(r -> portraits.logRead(caller, r.getLong("id"), purpose, "search", rid)).toList();
          return Future.all(reads).map(v -> paging.toJson(new JsonArray(page.stream().map(r -> item(r, names)).toList()), more));
        });
  }

  /** A person as search results and house residents list them: name masked unless disclosed, ID number always masked. */
  static JsonObject item(Row r, boolean names) {
    return new JsonObject().put("id", r.getLong("id"))
        .put("name", names ? r.getString("name") : Disclosure.maskName(r.getString("name")))
        .put("idNumber", r.getString("id_number_mask")).put("gender", r.getString("gender"))
        .put("birthDate", r.getLocalDate("birth_date") == null ? null : r.getLocalDate("birth_date").toString())
        .put("address", r.getString("address"));
  }

}
