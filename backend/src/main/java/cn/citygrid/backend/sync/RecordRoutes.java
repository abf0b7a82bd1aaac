package cn.citygrid.backend.sync;

import static cn.citygrid.backend.http.ApiRouter.principal;

import cn.citygrid.backend.access.AccessEntry;
import cn.citygrid.backend.access.AccessLog;
import cn.citygrid.backend.access.PersonRefs;
import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.Paging;
import cn.citygrid.backend.http.Reply;
import cn.citygrid.backend.http.RequestLog;
import cn.citygrid.backend.http.Text;
import cn.citygrid.backend.portrait.Disclosure;
import cn.citygrid.backend.portrait.Purpose;
import cn.citygrid.backend.standard.CitizenId;
import cn.citygrid.backend.standard.Phones;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Field records for supervisors: filtered lists and one record with its answers, attachments,
 * device, time flags, what it became, and where its receipt is. Records of workers outside the
 * caller's scope do not exist for them; ID numbers and phones inside answers are shown masked (the
 * signed original is in the audit bundle).
 */
public final class RecordRoutes {
  private static final Text NOT_FOUND = Text.of("记录不存在或不在管辖范围内", "No such record in your scope");
  /** GB 11643 ID numbers (not the old 15-digit ones: grid codes have 15 digits too). */
  private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])");
  /** Mainland mobiles, also with +86 / 86 in front and spaces or dashes inside. */
  private static final Pattern MOBILE = Pattern.compile("(?<![0-9])(?:\\+?86[- ]?)?1[3-9][0-9][- ]?[0-9]{4}[- ]?[0-9]{4}(?![0-9])");

  /** Records made by workers whose territory lies in the caller's ($1 prefixes, NULL = all). */
  /**
   * The record {@code r}'s territory (its author's when it arrived, V20) lies in the caller's, given
   * as grid-code prefixes with '%' in parameter {@code $n} (null: everywhere).
   */
  static String inScope(int n) {
    return """
        ($%1$d::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest(sync.record_scope(r.scope, r.account_id)) AS t(code)
          WHERE t.code LIKE ANY ($%1$d)))""".formatted(n);
  }

  private final Pool pool;
  private final AccessLog accessLog;
  private final java.time.Clock clock;

  public RecordRoutes(Pool pool, AccessLog accessLog, java.time.Clock clock) {
    this.pool = pool;
    this.accessLog = accessLog;
    this.clock = clock;
  }

  public List<ApiRoute> routes() {
    Access reviewers = Access.roles(Role.ADMIN, Role.SUPERVISOR, Role.LEADER);
    return List.of(
        ApiRoute.get("/api/v1/records", reviewers, Reply.json(this::list)),
        ApiRoute.get("/api/v1/records/{id}", reviewers, Reply.json(this::one)));
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    Principal caller = principal(ctx);
    Paging paging = Paging.of(ctx);
    var q = ctx.queryParams();
    Instant from = instant(q.get("from"), "from");
    Instant to = instant(q.get("to"), "to");
    String grid = q.get("grid");
    if (grid != null && !grid.matches("[0-9]{6,15}")) {
      throw DomainException.validation(List.of(new DomainException.FieldError("grid", "type", Text.of("应为区划或网格编码", "Must be a region or grid code"))));
    }
    return pool.preparedQuery("""
            SELECT json_build_object('recordId', r.id, 'formId', r.form_id, 'formVersion', r.form_version,
              'worker', a.username, 'workerName', a.display_name, 'deviceId', r.device_id, 'capturedAt', r.captured_at,
              'receivedAt', r.received_at, 'sealed', l.idx IS NOT NULL, 'flags', coalesce(r.time_flags, '{}'),
              'projected', p.record_id IS NOT NULL, 'problem', p.problem)::text AS j, count(*) OVER () AS total
            FROM ledger.record r JOIN auth.account a ON a.id = r.account_id
            LEFT JOIN ledger.leaf l ON l.record_id = r.id
            LEFT JOIN sync.projection p ON p.record_id = r.id
            WHERE """ + inScope(1) + """
               AND ($2::text IS NULL OR a.username = $2) AND ($3::text IS NULL OR r.form_id = $3)
              AND ($4::timestamptz IS NULL OR r.captured_at >= $4) AND ($5::timestamptz IS NULL OR r.captured_at < $5)
              AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM unnest(sync.record_scope(r.scope, r.account_id)) AS t(code)
                WHERE t.code LIKE $6 || '%' OR $6 LIKE t.code || '%'))
              AND r.form_id <> 'access-anchor'
            ORDER BY r.captured_at DESC, r.id LIMIT $7 OFFSET $8""")
        .execute(Tuple.from(new Object[] {Proposals.scopeOf(caller), q.get("worker"), q.get("form"),
            from == null ? null : from.atOffset(ZoneOffset.UTC), to == null ? null : to.atOffset(ZoneOffset.UTC), grid,
            paging.size(), paging.offset()}))
        .map(rows -> paging.toJson(rows, r -> new JsonObject(r.getString("j"))));
  }

  private static Instant instant(String text, String name) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw DomainException.validation(List.of(new DomainException.FieldError(name, "type",
          Text.of("应为 UTC 时间，如 2026-11-27T00:00:00Z", "Must be a UTC time such as 2026-11-27T00:00:00Z"))));
    }
  }

  private Future<JsonObject> one(RoutingContext ctx) {
    return pool.preparedQuery("""
            SELECT json_build_object('recordId', r.id, 'formId', r.form_id, 'formVersion', r.form_version,
              'worker', a.username, 'workerName', a.display_name, 'deviceId', r.device_id, 'keyId', d.key_id,
              'deviceStatus', d.status, 'capturedAt', r.captured_at, 'receivedAt', r.received_at,
              'leafIndex', l.idx, 'flags', coalesce(r.time_flags, '{}'), 'deviceTime', r.device_time,
              'projected', p.record_id IS NOT NULL, 'projectionProblem', p.problem,
              'event', (SELECT json_build_object('id', e.id, 'category', e.category, 'status', e.status, 'gridCode', e.grid_code)
                        FROM grid.event e WHERE e.record_id = r.id),
              'location', coalesce(
                (SELECT json_build_array(ST_X(e.geom), ST_Y(e.geom)) FROM grid.event e WHERE e.record_id = r.id),
                (SELECT json_build_array(ST_X(k.geom), ST_Y(k.geom)) FROM grid.check_in k WHERE k.record_id = r.id)),
              'receiptUrl', '/api/v1/ledger/records/' || r.id || '/receipt',
              'bundleUrl', '/api/v1/ledger/records/' || r.id || '/bundle')::text AS j,
              convert_from(r.canonical, 'UTF8') AS envelope
            FROM ledger.record r JOIN auth.account a ON a.id = r.account_id JOIN ledger.device d ON d.id = r.device_id
            LEFT JOIN ledger.leaf l ON l.record_id = r.id
            LEFT JOIN sync.projection p ON p.record_id = r.id
            WHERE r.id = $2 AND """ + inScope(1))
        .execute(Tuple.of(Proposals.scopeOf(principal(ctx)), ctx.pathParam("id")))
        .compose(rows -> {
          if (rows.size() == 0) {
            throw DomainException.notFound(NOT_FOUND);
          }
          var row = rows.iterator().next();
          JsonObject envelope = new JsonObject(row.getString("envelope"));
          Principal caller = principal(ctx);
          Purpose purpose = Purpose.parse(ctx.queryParams().get("purpose"));
          Set<Disclosure.Field> clear = Disclosure.clear(caller, purpose);
          JsonObject answers = masked(envelope.getJsonObject("payload"), clear.contains(Disclosure.Field.NAME));
          // The persons the answers name by record id are read here: each read is logged like a portrait's.
          Set<Long> persons = PersonRefs.in(envelope.getJsonObject("payload"));
          List<String> clearFields = clear.contains(Disclosure.Field.NAME) ? List.of("name") : List.of();
          List<Future<Void>> logged = persons.stream().map(id -> accessLog.record(AccessEntry.read(clock, caller, "person",
              id, purpose.code(), "field-record", clearFields, RequestLog.requestId(ctx)))).toList();
          return Future.all(logged).map(v -> new JsonObject(row.getString("j")).put("purpose", purpose.code())
              .put("answers", answers).put("attachments", envelope.getJsonArray("attachments")));
        });
  }

  /**
   * Answers as shown to reviewers: anything shaped like an ID number or a mobile number masked, and
   * every {@code name} member masked unless the caller's role and purpose disclose names.
   */
  static JsonObject masked(JsonObject payload, boolean names) {
    JsonObject out = new JsonObject(mask(payload.encode()));
    return names ? out : (JsonObject) maskNames(out);
  }

  private static Object maskNames(Object node) {
    if (node instanceof JsonObject o) {
      for (String key : List.copyOf(o.fieldNames())) {
        Object v = o.getValue(key);
        o.put(key, "name".equals(key) && v instanceof String s ? Disclosure.maskName(s) : maskNames(v));
      }
    } else if (node instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, maskNames(a.getValue(i)));
      }
    }
    return node;
  }

  static String mask(String json) {
    Matcher ids = ID_NUMBER.matcher(json);
    StringBuilder out = new StringBuilder();
    while (ids.find()) {
      ids.appendReplacement(out, Matcher.quoteReplacement(CitizenId.mask(ids.group())));
    }
    ids.appendTail(out);
    Matcher phones = MOBILE.matcher(out.toString());
    StringBuilder done = new StringBuilder();
    while (phones.find()) {
      String digits = phones.group().replaceAll("[^0-9]", "");
      phones.appendReplacement(done, Matcher.quoteReplacement(Phones.mask(digits.substring(digits.length() - 11))));
    }
    phones.appendTail(done);
    return done.toString();
  }
}
