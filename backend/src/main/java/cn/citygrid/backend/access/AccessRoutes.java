package cn.citygrid.backend.access;

import static cn.citygrid.backend.http.ApiRouter.principal;

import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.Paging;
import cn.citygrid.backend.http.Reply;
import cn.citygrid.backend.http.Text;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * Who read my data (a citizen sees the reads of their own record: role, time, purpose — not who by
 * name) and the administrators' audit view of the whole access log, filterable.
 */
public final class AccessRoutes {
  static final String AUDIT = """
      SELECT a.id, a.at, a.username, a.role, a.subject_kind, a.subject_id, a.purpose, a.action, a.clear_fields,
        a.request_id, count(*) OVER () AS total
      FROM gov.access_log a
      WHERE ($1::bigint IS NULL OR (a.subject_kind = 'person' AND a.subject_id = $1))
        AND ($2::text IS NULL OR a.username = $2) AND ($3::text IS NULL OR a.purpose = $3)
      ORDER BY a.at DESC, a.id DESC LIMIT $4 OFFSET $5""";

  private final Pool pool;

  public AccessRoutes(Pool pool) {
    this.pool = pool;
  }

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/api/v1/me/data-access", Access.roles(Role.CITIZEN), Reply.json(this::mine)),
        ApiRoute.get("/api/v1/audit/data-access", Access.roles(Role.ADMIN), Reply.json(this::audit)));
  }

  private Future<JsonObject> mine(RoutingContext ctx) {
    Paging paging = Paging.of(ctx);
    return pool.preparedQuery("SELECT person_id FROM auth.account WHERE id = $1").execute(Tuple.of(principal(ctx).accountId()))
        .compose(rows -> {
          Long person = rows.iterator().next().getLong(0);
          if (person == null) {
            return Future.failedFuture(DomainException.notFound(Text.of("账号未关联居民档案", "The account is not linked to a resident record")));
          }
          return pool.preparedQuery(AccessSql.COUNT_OF_SUBJECT).execute(Tuple.of(person))
              .compose(count -> pool.preparedQuery(AccessSql.OF_SUBJECT).execute(Tuple.of(person, paging.size(), paging.offset()))
                  .map(page -> paging.toJson(count.iterator().next().getLong(0), items(page))));
        });
  }

  private static JsonArray items(Iterable<Row> rows) {
    JsonArray out = new JsonArray();
    for (Row r : rows) {
      out.add(new JsonObject().put("at", r.getOffsetDateTime("at").toString()).put("role", r.getString("role"))
          .put("purpose", r.getString("purpose")).put("action", r.getString("action"))
          .put("clearFields", r.getString("clear_fields")));
    }
    return out;
  }

  private Future<JsonObject> audit(RoutingContext ctx) {
    Paging paging = Paging.of(ctx);
    String person = ctx.queryParams().get("personId");
    if (person != null && !person.matches("[0-9]{1,18}")) {
      throw DomainException.validation(List.of(new DomainException.FieldError("personId", "type", Text.of("应为人员编号", "Must be a person id"))));
    }
    return pool.preparedQuery(AUDIT).execute(Tuple.of(person == null ? null : Long.parseLong(person),
            ctx.queryParams().get("username"), ctx.queryParams().get("purpose"), paging.size(), paging.offset()))
        .map(rows -> paging.toJson(rows, r -> new JsonObject().put("id", r.getLong("id")).put("at", r.getOffsetDateTime("at").toString())
                .put("username", r.getString("username")).put("role", r.getString("role"))
                .put("subjectKind", r.getString("subject_kind")).put("subjectId", r.getLong("subject_id"))
                .put("purpose", r.getString("purpose")).put("action", r.getString("action"))
                .put("clearFields", r.getString("clear_fields")).put("requestId", r.getString("request_id"))));
  }
}
