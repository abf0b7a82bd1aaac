package cn.citygrid.backend.governance;

import static cn.citygrid.backend.http.ApiRouter.principal;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.JsonBody;
import cn.citygrid.backend.http.Paging;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Reply;
import cn.citygrid.backend.http.RequestLog;
import cn.citygrid.backend.http.Text;
import cn.citygrid.backend.portrait.Purpose;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Quality work: issues, work orders (open → in_progress → fixed / rejected → verified), the review
 * queue of uncertain person matches, and merges with their undo.
 */
public final class QualityRoutes {
  /** Who may move a work order from one state to another. */
  static final Map<String, Set<String>> TRANSITIONS = Map.of(
      "open", Set.of("in_progress"), "in_progress", Set.of("fixed", "rejected"),
      "fixed", Set.of("verified", "in_progress"), "rejected", Set.of("verified", "in_progress"));

  static final Text ANOTHER_LIVE_ORDER = Text.of("该规则已有另一张未办结的工单，本工单不能重新处理",
      "Another live work order exists for this rule; this one cannot be reopened");

  private final Pool pool;
  private final GovernanceQueries queries;
  private final MergeService merges;
  private final ReviewQueue reviews;

  public QualityRoutes(Pool pool, GovernanceQueries queries, MergeService merges, ReviewQueue reviews) {
    this.pool = pool;
    this.queries = queries;
    this.merges = merges;
    this.reviews = reviews;
  }

  public List<ApiRoute> routes() {
    Access data = Access.roles(Role.ADMIN, Role.SUPERVISOR, Role.DATA_STEWARD);
    return List.of(
        ApiRoute.get("/api/v1/governance/issues", data, Reply.json(this::issues)),
        ApiRoute.get("/api/v1/governance/work-orders", data, Reply.json(this::workOrders)),
        ApiRoute.post("/api/v1/governance/work-orders/{id}/status", data, Reply.json(this::moveWorkOrder)),
        ApiRoute.get("/api/v1/governance/reviews", data, Reply.json(ctx -> reviews.open(principal(ctx), Paging.of(ctx),
            ctx.queryParams().get("purpose"), RequestLog.requestId(ctx)))),
        ApiRoute.post("/api/v1/governance/reviews/{id}/decision", Access.roles(Role.ADMIN, Role.SUPERVISOR, Role.DATA_STEWARD),
            Reply.json(this::decide)),
        ApiRoute.post("/api/v1/governance/merges/{id}/undo", Access.roles(Role.ADMIN, Role.SUPERVISOR),
            Reply.json(ctx -> merges.unmerge(Paging.pathId(ctx, "id"), principal(ctx).accountId(), ReviewQueue.region(principal(ctx)))
                .map(undo -> new JsonObject().put("undoneBy", undo)))));
  }

  private Future<JsonObject> issues(RoutingContext ctx) {
    String workOrder = ctx.queryParams().get("workOrder");
    return queries.issues(principal(ctx), new GovernanceQueries.IssueFilter(ctx.queryParams().get("source"),
            ctx.queryParams().get("rule"), ctx.queryParams().get("status"),
            workOrder == null || !workOrder.matches("[0-9]{1,18}") ? null : Long.parseLong(workOrder)),
        Purpose.parse(ctx.queryParams().get("purpose")), Paging.of(ctx), RequestLog.requestId(ctx));
  }

  private Future<JsonObject> workOrders(RoutingContext ctx) {
    Paging paging = Paging.of(ctx);
    return queries.page(paging, """
        SELECT w.id, w.source, s.department, w.rule, w.title, w.status, w.issues_open, w.due_at, w.note, w.created_at,
          w.updated_at, (w.due_at < now() AND w.status IN ('open', 'in_progress')) AS overdue, count(*) OVER () AS total
        FROM gov.work_order w JOIN gov.source s ON s.name = w.source
        WHERE ($1::text IS NULL OR w.status = $1) AND ($2::text IS NULL OR s.department = $2)
        ORDER BY w.status = 'verified', w.due_at, w.id LIMIT $3 OFFSET $4""",
        Tuple.of(ctx.queryParams().get("status"), GovernanceQueries.department(principal(ctx)), paging.size(), paging.offset()),
        QualityRoutes::workOrder);
  }

  static JsonObject workOrder(io.vertx.sqlclient.Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("source", r.getString("source"))
        .put("department", r.getString("department")).put("rule", r.getString("rule")).put("title", r.getString("title"))
        .put("status", r.getString("status")).put("issuesOpen", r.getInteger("issues_open"))
        .put("dueAt", r.getOffsetDateTime("due_at").toString()).put("overdue", r.getBoolean("overdue"))
        .put("note", r.getString("note")).put("createdAt", r.getOffsetDateTime("created_at").toString())
        .put("updatedAt", r.getOffsetDateTime("updated_at").toString());
  }

  /** {"status", "note"}: stewards work their department's orders; verifying is for supervisors and admins. */
  private Future<JsonObject> moveWorkOrder(RoutingContext ctx) {
    Principal caller = principal(ctx);
    long id = Paging.pathId(ctx, "id");
    JsonBody body = JsonBody.of(ctx);
    String status = body.requiredString("status", 20);
    String note = body.optionalString("note", 1000);
    body.validate();
    if ("verified".equals(status) && !caller.has(Role.ADMIN) && !caller.has(Role.SUPERVISOR)) {
      throw new DomainException(ProblemType.FORBIDDEN, Text.of("核验须由管理员或街道管理员完成", "Only supervisors and administrators verify"));
    }
    return pool.withTransaction(tx -> tx.preparedQuery("""
            SELECT w.status FROM gov.work_order w JOIN gov.source s ON s.name = w.source
            WHERE w.id = $1 AND ($2::text IS NULL OR s.department = $2) FOR UPDATE""")
        .execute(Tuple.of(id, GovernanceQueries.department(caller)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(DomainException.notFound(Text.of("工单不存在", "No such work order")));
          }
          String from = rows.iterator().next().getString(0);
          if (!TRANSITIONS.getOrDefault(from, Set.of()).contains(status)) {
            return Future.failedFuture(new DomainException(ProblemType.CONFLICT, Text.of(
                "工单状态不能从 " + from + " 变为 " + status, "A work order cannot go from " + from + " to " + status)));
          }
          return move(tx, id, status, note, caller.accountId());
        }));
  }

  /**
   * Back to in_progress fails on the partial unique index work_order_live when a later import opened
   * another live order for the same source and rule meanwhile: that is the caller's conflict, not a 500.
   */
  private static Future<JsonObject> move(SqlConnection tx, long id, String status, String note, long account) {
    return tx.preparedQuery("""
            UPDATE gov.work_order w SET status = $2, note = coalesce($3, note), updated_at = now(),
              assignee = coalesce(assignee, $4)
            FROM gov.source s WHERE w.id = $1 AND s.name = w.source
            RETURNING w.*, s.department, (w.due_at < now() AND w.status IN ('open', 'in_progress')) AS overdue""")
        .execute(Tuple.of(id, status, note, account))
        .map(updated -> workOrder(updated.iterator().next()))
        .recover(e -> Future.failedFuture(anotherLiveOrder(e) ? new DomainException(ProblemType.CONFLICT, ANOTHER_LIVE_ORDER) : e));
  }

  private static boolean anotherLiveOrder(Throwable e) {
    return e instanceof PgException pg && "23505".equals(pg.getSqlState()) && "work_order_live".equals(pg.getConstraint());
  }

  private Future<JsonObject> decide(RoutingContext ctx) {
    JsonBody body = JsonBody.of(ctx);
    String decision = body.requiredString("decision", 20);
    if (decision != null && !Set.of("merge", "distinct").contains(decision)) {
      body.error("decision", "enum", Text.of("应为 merge 或 distinct", "Must be merge or distinct"));
    }
    body.validate();
    return reviews.decide(principal(ctx), Paging.pathId(ctx, "id"), "merge".equals(decision));
  }
}
