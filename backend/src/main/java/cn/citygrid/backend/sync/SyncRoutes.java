package cn.citygrid.backend.sync;

import static cn.citygrid.backend.http.ApiRouter.principal;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.http.JsonBody;
import cn.citygrid.backend.http.Paging;
import cn.citygrid.backend.http.Reply;
import cn.citygrid.backend.http.RequestLog;
import cn.citygrid.backend.portrait.Purpose;
import cn.citygrid.sync.protocol.record.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The phone's sync endpoints (docs/sync-protocol.md) and the supervisors' proposal review. */
public final class SyncRoutes {
  private final SyncRecords records;
  private final SyncDevices devices;
  private final ChangeFeed feed;
  private final Proposals proposals;
  private final Clock clock;

  SyncRoutes(SyncRecords records, SyncDevices devices, ChangeFeed feed, Proposals proposals, Clock clock) {
    this.records = records;
    this.devices = devices;
    this.feed = feed;
    this.proposals = proposals;
    this.clock = clock;
  }

  public List<ApiRoute> routes() {
    Access worker = Access.roles(Role.GRID_WORKER);
    Access reviewers = Access.roles(Role.ADMIN, Role.SUPERVISOR);
    return List.of(
        ApiRoute.post("/api/v1/sync/records", worker, Reply.json(ctx -> records.upload(ctx, false))),
        ApiRoute.post("/api/v1/sync/proposals", worker, Reply.json(ctx -> records.upload(ctx, true))),
        ApiRoute.get("/api/v1/sync/changes", worker, Reply.json(this::changes)),
        ApiRoute.get("/api/v1/sync/proposals/{recordId}", worker, Reply.json(this::proposal)),
        ApiRoute.get("/api/v1/proposals", reviewers, Reply.json(this::reviewQueue)),
        ApiRoute.post("/api/v1/proposals/{recordId}/decision", reviewers, Reply.json(this::decide)));
  }

  private Future<JsonObject> changes(RoutingContext ctx) {
    Instant received = clock.instant();
    Principal caller = principal(ctx);
    int limit = Paging.intParam(ctx, "limit", 500, 1, 1000);
    return devices.require(caller, ctx.request().getHeader(SyncDevices.HEADER))
        .compose(d -> feed.page(caller, ctx.queryParams().get("cursor"), limit, RequestLog.requestId(ctx)))
        .map(page -> page.put("serverClock", new JsonObject().put("received", Timestamps.format(received))
            .put("sent", Timestamps.format(clock.instant()))));
  }

  private Future<JsonObject> proposal(RoutingContext ctx) {
    Principal caller = principal(ctx);
    return devices.require(caller, ctx.request().getHeader(SyncDevices.HEADER))
        .compose(d -> proposals.view(caller, ctx.pathParam("recordId")));
  }

  private Future<JsonObject> reviewQueue(RoutingContext ctx) {
    return proposals.reviewQueue(principal(ctx), Purpose.parse(ctx.queryParams().get("purpose")), Paging.of(ctx),
        RequestLog.requestId(ctx));
  }

  private Future<JsonObject> decide(RoutingContext ctx) {
    JsonBody body = JsonBody.of(ctx);
    Boolean accept = body.optionalBoolean("accept");
    String reason = body.optionalString("reason", 500);
    if (accept == null) {
      body.error("accept", "required", cn.citygrid.backend.http.Text.of("必填：true 采纳，false 驳回", "Required: true to accept, false to reject"));
    }
    body.validate();
    return proposals.resolve(principal(ctx), ctx.pathParam("recordId"), accept, reason)
        .map(d -> new JsonObject().put("recordId", d.recordId()).put("outcome", d.outcome()).put("reason", d.reason()));
  }
}
