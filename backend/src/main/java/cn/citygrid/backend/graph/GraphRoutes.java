package cn.citygrid.backend.graph;

import static cn.citygrid.backend.http.ApiRouter.principal;

import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.governance.IdLookup;
import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.Paging;
import cn.citygrid.backend.http.Reply;
import cn.citygrid.backend.http.RequestLog;
import cn.citygrid.backend.http.Text;
import cn.citygrid.backend.portrait.Purpose;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** 人企立方 over HTTP: a party is {@code person=<id>} or {@code enterprise=<credit code>}. */
public final class GraphRoutes {
  private final GraphService graph;

  public GraphRoutes(GraphService graph) {
    this.graph = graph;
  }

  public List<ApiRoute> routes() {
    Access analysts = Access.roles(Role.ADMIN, Role.SUPERVISOR, Role.LEADER);
    return List.of(
        ApiRoute.get("/api/v1/graph/neighbourhood", analysts, Reply.json(this::neighbourhood)),
        ApiRoute.get("/api/v1/graph/path", analysts, Reply.json(this::path)));
  }

  private Future<JsonObject> neighbourhood(RoutingContext ctx) {
    int hops = Paging.intParam(ctx, "hops", 2, 1, 3);
    return party(ctx, "person", "enterprise").compose(start ->
        graph.neighbourhood(principal(ctx), start, hops, Purpose.parse(ctx.queryParams().get("purpose")), RequestLog.requestId(ctx)));
  }

  private Future<JsonObject> path(RoutingContext ctx) {
    int max = Paging.intParam(ctx, "maxHops", 6, 1, 8);
    Purpose purpose = Purpose.parse(ctx.queryParams().get("purpose"));
    return party(ctx, "fromPerson", "fromEnterprise").compose(from -> party(ctx, "toPerson", "toEnterprise")
        .compose(to -> graph.path(principal(ctx), from, to, max, purpose, RequestLog.requestId(ctx))));
  }

  private Future<String> party(RoutingContext ctx, String personParam, String enterpriseParam) {
    String person = ctx.queryParams().get(personParam);
    String enterprise = ctx.queryParams().get(enterpriseParam);
    if ((person == null) == (enterprise == null)) {
      throw DomainException.validation(List.of(new DomainException.FieldError(personParam, "required",
          Text.of("请给出 " + personParam + " 或 " + enterpriseParam + " 之一", "Give one of " + personParam + " or " + enterpriseParam))));
    }
    if (person != null && !person.matches("[0-9]{1,18}")) {
      throw DomainException.validation(List.of(new DomainException.FieldError(personParam, "type",
          Text.of("应为人员编号", "Must be a person id"))));
    }
    return graph.node(principal(ctx), person == null ? null : Long.parseLong(person),
        enterprise == null ? null : IdLookup.creditCode(enterprise));
  }
}
