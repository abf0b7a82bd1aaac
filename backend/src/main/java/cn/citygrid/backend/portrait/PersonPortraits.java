package cn.citygrid.backend.portrait;

import cn.citygrid.backend.access.AccessEntry;
import cn.citygrid.backend.access.AccessLog;
import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.config.DataKeysConfig;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.RequestLog;
import cn.citygrid.backend.http.Text;
import cn.citygrid.backend.standard.CitizenId;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * Person portraits: found by ID number (through its blind index) or record id, inside the
 * caller's scope only (outside it the person "does not exist"), masked unless the caller's role
 * and stated purpose allow the clear value, and every read logged before it is answered.
 */
public final class PersonPortraits {
  static final Text NOT_FOUND = Text.of("人员不存在或不在管辖范围内", "No such person in your scope");

  private final Pool pool;
  private final DataKeysConfig keys;
  private final AccessLog accessLog;
  private final Clock clock;
  private final WorkerExecutor crypto;

  /** {@code crypto}: the workers for blind indexes and SM4 (never an event loop). */
  public PersonPortraits(Pool pool, DataKeysConfig keys, AccessLog accessLog, Clock clock, WorkerExecutor crypto) {
    this.pool = pool;
    this.keys = keys;
    this.accessLog = accessLog;
    this.clock = clock;
    this.crypto = crypto;
  }

  public Future<JsonObject> byIdNumber(Principal caller, String idNumber, Purpose purpose, String requestId) {
    return idNumberIndex(idNumber).compose(bidx -> read(caller, PortraitSql.PERSON, bidx, purpose, requestId));
  }

  /** The blind index of an ID number (HMAC-SM3), made on a worker. */
  Future<String> idNumberIndex(String idNumber) {
    return crypto.executeBlocking(() -> keys.blindIndex().index("id_number", idNumber), false);
  }

  public Future<JsonObject> byId(Principal caller, long id, Purpose purpose, String requestId) {
    return read(caller, PortraitSql.PERSON_BY_ID, id, purpose, requestId);
  }

  /** {@code key}: the blind index (String) for PERSON, the record id (Long) for PERSON_BY_ID. */
  private Future<JsonObject> read(Principal caller, String sql, Object key, Purpose purpose, String requestId) {
    Scope scope = Scope.of(caller);
    return pool.preparedQuery(sql).execute(Tuple.of(key, scope.prefixes(), scope.department()))
        .map(rows -> {
          if (rows.size() == 0) {
            throw DomainException.notFound(NOT_FOUND);
          }
          return rows.iterator().next();
        })
        .compose(row -> {
          Set<Disclosure.Field> clear = Disclosure.clear(caller, purpose);
          // Fields in clear are opened (SM4) on a worker; the read is logged, durably, before anyone sees it.
          return crypto.executeBlocking(() -> PersonPortraitJson.of(row, clear, keys, purpose), false)
              .compose(portrait -> accessLog.record(entry(caller, row.getLong("id"), purpose, "portrait", clear, requestId))
                  .map(portrait));
        });
  }

  AccessEntry entry(Principal caller, long subject, Purpose purpose, String action, Set<Disclosure.Field> clear,
      String requestId) {
    return AccessEntry.read(clock, caller, "person", subject, purpose.code(), action, Disclosure.names(clear), requestId);
  }

  /** Whether the person is in the caller's scope (the same rule as their portrait). */
  public Future<Boolean> inScope(Principal caller, long personId) {
    Scope scope = Scope.of(caller);
    return pool.preparedQuery("SELECT 1 FROM grid.person p WHERE p.id = $1::bigint\n" + PortraitSql.PERSON_SCOPE)
        .execute(Tuple.of(personId, scope.prefixes(), scope.department()))
        .map(rows -> rows.size() > 0);
  }

  public Future<Void> logRead(Principal caller, long personId, Purpose purpose, String action, String requestId) {
    return accessLog.record(entry(caller, personId, purpose, action, Disclosure.clear(caller, purpose), requestId));
  }

  /** Reads of several persons, each with the fields the answer shows of them in clear. */
  public Future<Void> logReads(Principal caller, Map<Long, Set<Disclosure.Field>> shown, Purpose purpose, String action,
      String requestId) {
    return Future.all(shown.entrySet().stream()
            .map(p -> accessLog.record(entry(caller, p.getKey(), purpose, action, p.getValue(), requestId))).toList())
        .mapEmpty();
  }

  /** Where a caller may look: grid-code prefixes (null = everywhere) and a steward's department. */
  record Scope(String[] prefixes, String department) {
    static Scope of(Principal caller) {
      if (caller.has(Role.ADMIN)) {
        return new Scope(null, null);
      }
      if (caller.has(Role.GRID_WORKER) || caller.has(Role.SUPERVISOR) || caller.has(Role.LEADER)) {
        return new Scope(caller.scope().stream().map(p -> p + "%").toArray(String[]::new), null);
      }
      if (caller.has(Role.DATA_STEWARD)) {
        return new Scope(null, caller.department() == null ? "\u0000none" : caller.department());
      }
      return new Scope(new String[0], null);
    }
  }

  static String rid(io.vertx.ext.web.RoutingContext ctx) {
    return RequestLog.requestId(ctx);
  }

  static String decryptOrMask(Row row, String encColumn, String maskColumn, boolean clear, DataKeysConfig keys, byte[] aad) {
    var sealed = row.getBuffer(encColumn);
    if (sealed == null) {
      return null;
    }
    return clear ? new String(keys.keyRing().open(sealed.getBytes(), aad), java.nio.charset.StandardCharsets.UTF_8)
        : row.getString(maskColumn);
  }

  static String maskId(String id) {
    return CitizenId.mask(id);
  }
}
