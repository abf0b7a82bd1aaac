package cn.citygrid.backend.sync;

import static cn.citygrid.backend.http.ApiRouter.principal;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.JsonBody;
import cn.citygrid.backend.http.Paging;
import cn.citygrid.backend.http.Reply;
import cn.citygrid.backend.http.Text;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * Tasks a supervisor gives a grid worker (visit this house, inspect that place). The worker's
 * phone receives them through the change feed; the record that does the work closes the task
 * (see {@link Projector}); a supervisor may also close, cancel or reassign one.
 */
public final class TaskRoutes {
  static final Set<String> KINDS = Set.of("visit", "house-inspection", "inspection", "event", "other");
  private static final Text NOT_FOUND = Text.of("任务不存在或不在管辖范围内", "No such task in your scope");

  private final Pool pool;

  public TaskRoutes(Pool pool) {
    this.pool = pool;
  }

  public List<ApiRoute> routes() {
    Access dispatchers = Access.roles(Role.ADMIN, Role.SUPERVISOR);
    return List.of(
        ApiRoute.post("/api/v1/tasks", dispatchers, Reply.created(this::create)),
        ApiRoute.get("/api/v1/tasks", Access.roles(Role.ADMIN, Role.SUPERVISOR, Role.LEADER, Role.GRID_WORKER), Reply.json(this::list)),
        ApiRoute.put("/api/v1/tasks/{id}", dispatchers, Reply.json(this::update)));
  }

  private Future<JsonObject> create(RoutingContext ctx) {
    Principal caller = principal(ctx);
    JsonBody body = JsonBody.of(ctx);
    String kind = body.requiredString("kind", 32);
    String title = body.requiredString("title", 200);
    String assignee = body.requiredString("assignee", 64);
    String houseId = body.optionalString("houseId", 18);
    String placeId = body.optionalString("placeId", 18);
    String formId = body.optionalString("formId", 100);
    String formVersion = body.optionalString("formVersion", 40);
    LocalDate due = date(body, body.optionalString("due", 10));
    if (kind != null && !KINDS.contains(kind)) {
      body.error("kind", "enum", Text.of("应为 " + KINDS + " 之一", "Must be one of " + KINDS));
    }
    if ((houseId == null) == (placeId == null)) {
      body.error("houseId", "required", Text.of("请给出 houseId 或 placeId 之一", "Give one of houseId or placeId"));
    }
    if (houseId != null && !houseId.matches("[0-9]+") || placeId != null && !placeId.matches("[0-9]+")) {
      body.error(houseId != null ? "houseId" : "placeId", "type", Text.of("应为编号", "Must be an id"));
    }
    body.validate();
    // The house or place must lie in the supervisor's scope, and the assignee must be one of its grid's workers (V29).
    return pool.preparedQuery("""
            WITH target AS (
              SELECT grid_code FROM grid.house WHERE id = $1::bigint UNION ALL SELECT grid_code FROM grid.place WHERE id = $2::bigint)
            INSERT INTO sync.task (kind, title, due, grid_code, house_id, place_id, form_id, form_version, assignee_id, created_by)
            SELECT $4, $5, $6, t.grid_code, $1::bigint, $2::bigint, $7, $8, w.account_id, $9
            FROM target t, grid.workers_of(t.grid_code) w
            WHERE w.username = $3 AND ($10::text[] IS NULL OR t.grid_code LIKE ANY ($10))
            RETURNING id""")
        .execute(Tuple.from(new Object[] {houseId == null ? null : Long.valueOf(houseId), placeId == null ? null : Long.valueOf(placeId),
            assignee, kind, title, due, formId, formVersion, caller.accountId(), Proposals.scopeOf(caller)}))
        .compose(rows -> {
          if (rows.size() == 0) {
            throw DomainException.validation(List.of(new DomainException.FieldError("assignee", "scope", Text.of(
                "房屋/场所不在您的管辖范围内，或该网格员不负责其所在网格",
                "The house or place is outside your scope, or the worker does not cover its grid"))));
          }
          return one(caller, rows.iterator().next().getLong(0));
        });
  }

  private static LocalDate date(JsonBody body, String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      body.error("due", "type", Text.of("应为日期 YYYY-MM-DD", "Must be a date YYYY-MM-DD"));
      return null;
    }
  }

  /** Tasks as JSON, each row with the count of all rows the filters let through (for paging). */
  private static final String SELECT = """
      SELECT json_build_object('id', t.id, 'kind', t.kind, 'title', t.title, 'status', t.status, 'due', t.due,
        'gridCode', t.grid_code, 'houseId', t.house_id, 'placeId', t.place_id, 'formId', t.form_id,
        'formVersion', t.form_version, 'assignee', a.username, 'assigneeName', a.display_name,
        'createdAt', t.created_at, 'updatedAt', t.updated_at, 'doneRecordId', t.done_record_id,
        'address', coalesce(h.address, pl.address))::text AS j, count(*) OVER () AS total
      FROM sync.task t JOIN auth.account a ON a.id = t.assignee_id
      LEFT JOIN grid.house h ON h.id = t.house_id LEFT JOIN grid.place pl ON pl.id = t.place_id
      WHERE ($1::text[] IS NULL OR t.grid_code LIKE ANY ($1)) AND ($2::bigint IS NULL OR t.assignee_id = $2)""";

  /** Supervisors and leaders see their grids' tasks; a worker sees their own. */
  private Future<JsonObject> list(RoutingContext ctx) {
    Principal caller = principal(ctx);
    Paging paging = Paging.of(ctx);
    String status = ctx.queryParams().get("status");
    Long own = caller.has(Role.GRID_WORKER) && !caller.has(Role.SUPERVISOR) && !caller.has(Role.ADMIN) ? caller.accountId() : null;
    return pool.preparedQuery(SELECT
            + " AND ($3::text IS NULL OR t.status = $3) ORDER BY t.due NULLS LAST, t.id LIMIT $4 OFFSET $5")
        .execute(Tuple.of(Proposals.scopeOf(caller), own, status, paging.size(), paging.offset()))
        .map(rows -> paging.toJson(rows, r -> new JsonObject(r.getString("j"))));
  }

  private Future<JsonObject> one(Principal caller, long id) {
    return pool.preparedQuery(SELECT + " AND t.id = $3").execute(Tuple.of(Proposals.scopeOf(caller), null, id))
        .map(rows -> {
          if (rows.size() == 0) {
            throw DomainException.notFound(NOT_FOUND);
          }
          Row r = rows.iterator().next();
          return new JsonObject(r.getString(0));
        });
  }

  /**
   * Close, cancel or reopen a task, move its due date, or give it to another enabled worker covering
   * its grid; an assignee who does not is a field error and nothing changes.
   */
  private Future<JsonObject> update(RoutingContext ctx) {
    Principal caller = principal(ctx);
    long id = Paging.pathId(ctx, "id");
    JsonBody body = JsonBody.of(ctx);
    String status = body.optionalString("status", 16);
    String assignee = body.optionalString("assignee", 64);
    LocalDate due = date(body, body.optionalString("due", 10));
    if (status != null && !Set.of("open", "done", "cancelled").contains(status)) {
      body.error("status", "enum", Text.of("应为 open、done、cancelled 之一", "Must be open, done or cancelled"));
    }
    body.validate();
    return pool.preparedQuery("""
            WITH task AS (
              SELECT t.id, t.grid_code FROM sync.task t
              WHERE t.id = $1 AND ($2::text[] IS NULL OR t.grid_code LIKE ANY ($2)) FOR UPDATE),
            worker AS (
              SELECT w.account_id AS id FROM task, grid.workers_of(task.grid_code) w WHERE w.username = $4),
            changed AS (
              UPDATE sync.task t SET status = coalesce($3, t.status), due = coalesce($5, t.due), updated_at = now(),
                assignee_id = coalesce((SELECT id FROM worker), t.assignee_id)
              FROM task WHERE t.id = task.id AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM worker)) RETURNING t.id)
            SELECT EXISTS (SELECT 1 FROM task), EXISTS (SELECT 1 FROM changed)""")
        .execute(Tuple.of(id, Proposals.scopeOf(caller), status, assignee, due))
        .compose(rows -> {
          Row r = rows.iterator().next();
          if (!r.getBoolean(0)) {
            throw DomainException.notFound(NOT_FOUND);
          }
          if (!r.getBoolean(1)) {
            throw DomainException.validation(List.of(new DomainException.FieldError("assignee", "scope", Text.of(
                "没有负责该任务所在网格的在岗网格员 " + assignee, "No enabled grid worker " + assignee + " covers the task's grid"))));
          }
          return one(caller, id);
        });
  }
}
