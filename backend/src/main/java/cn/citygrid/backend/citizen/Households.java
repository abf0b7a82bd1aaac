package cn.citygrid.backend.citizen;

import cn.citygrid.backend.access.AccessEntry;
import cn.citygrid.backend.access.AccessLog;
import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.Text;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * My household as the platform knows it, for the citizen whose account is linked to a golden person
 * ({@code auth.account.person_id}); and "this is wrong", which becomes a data-quality issue. Every member
 * shown is a read of that person's data and is logged, like a portrait, before the answer leaves.
 */
final class Households {
  /** The purpose logged for a citizen's own reads (not one a worker can state: see portrait.Purpose). */
  static final String PURPOSE = "self-service";
  static final Text NOT_LINKED = Text.of("账号未关联居民档案", "The account is not linked to a resident record");
  static final Text NO_HOUSEHOLD = Text.of("平台暂无您的户信息", "The platform has no household for you");

  private final Pool pool;
  private final AccessLog accessLog;
  private final Clock clock;

  Households(Pool pool, AccessLog accessLog, Clock clock) {
    this.pool = pool;
    this.accessLog = accessLog;
    this.clock = clock;
  }

  Future<JsonObject> mine(Principal caller, String requestId) {
    return person(caller)
        .compose(person -> pool.preparedQuery(CitizenSql.HOUSEHOLD).execute(Tuple.of(person)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(DomainException.notFound(NO_HOUSEHOLD));
          }
          Row household = rows.iterator().next();
          return pool.preparedQuery(CitizenSql.MEMBERS).execute(Tuple.of(household.getLong("id")))
              .compose(members -> logReads(caller, members, requestId).map(v -> json(household, members)));
        });
  }

  /**
   * The issue is about the citizen's own record; {@code field} says what is wrong when they chose it.
   * Feedback is filed one at a time (a transaction lock), so the first two at once cannot both miss
   * the work order the other is opening and leave an issue without one.
   */
  Future<JsonObject> feedback(Principal caller, String field, String message) {
    return person(caller)
        .compose(person -> pool.withTransaction(c -> c.query(CitizenSql.FEEDBACK_LOCK).execute()
            .compose(locked -> c.preparedQuery(CitizenSql.FEEDBACK).execute(Tuple.of(person, field, message)))))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new JsonObject().put("issueId", r.getLong("id")).put("workOrderId", r.getLong("work_order_id"))
              .put("status", "open");
        });
  }

  /** The golden person of the caller's account; not found when the account is linked to none. */
  Future<Long> person(Principal caller) {
    return pool.preparedQuery(CitizenSql.PERSON_OF_ACCOUNT).execute(Tuple.of(caller.accountId())).map(rows -> {
      Long person = rows.size() == 0 ? null : rows.iterator().next().getLong(0);
      if (person == null) {
        throw DomainException.notFound(NOT_LINKED);
      }
      return person;
    });
  }

  /** One entry per member shown, committed before the answer: each member can see this read in "who used my data". */
  private Future<Void> logReads(Principal caller, RowSet<Row> members, String requestId) {
    List<Future<Void>> each = new ArrayList<>();
    for (Row m : members) {
      // a citizen sees the names of their own household's members in clear
      each.add(accessLog.record(AccessEntry.read(clock, caller, "person", m.getLong("id"), PURPOSE, "household",
          List.of("name"), requestId)));
    }
    return Future.all(each).mapEmpty();
  }

  private static JsonObject json(Row household, RowSet<Row> members) {
    JsonArray people = new JsonArray();
    for (Row m : members) {
      people.add(new JsonObject().put("personId", m.getLong("id")).put("name", m.getString("name"))
          .put("relation", m.getString("relation")).put("birthYear", m.getInteger("birth_year"))
          .put("idNumber", m.getString("id_number_mask")).put("phone", m.getString("phone_mask")));
    }
    return new JsonObject()
        .put("householdNo", household.getString("household_no")).put("kind", household.getString("kind"))
        .put("house", new JsonObject().put("id", household.getLong("house_id").toString())
            .put("address", household.getString("address")).put("gridCode", household.getString("grid_code")))
        .put("members", people);
  }
}
