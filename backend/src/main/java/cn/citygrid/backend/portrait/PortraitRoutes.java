package cn.citygrid.backend.portrait;

import static cn.citygrid.backend.http.ApiRouter.principal;

import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.governance.IdLookup;
import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.http.Paging;
import cn.citygrid.backend.http.Reply;
import cn.citygrid.backend.http.RequestLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Person and enterprise portraits, and search; every read of a person states a purpose and is logged. */
public final class PortraitRoutes {
  private final PersonPortraits persons;
  private final PersonSearch search;
  private final EnterprisePortraits enterprises;
  private final PlaceSearch places;
  private final HouseDetails houses;

  public PortraitRoutes(PersonPortraits persons, PersonSearch search, EnterprisePortraits enterprises, PlaceSearch places,
      HouseDetails houses) {
    this.persons = persons;
    this.search = search;
    this.enterprises = enterprises;
    this.places = places;
    this.houses = houses;
  }

  public List<ApiRoute> routes() {
    Access readers = Access.roles(Role.ADMIN, Role.SUPERVISOR, Role.LEADER, Role.GRID_WORKER, Role.DATA_STEWARD);
    return List.of(
        ApiRoute.get("/api/v1/persons", readers, Reply.json(this::search)),
        ApiRoute.get("/api/v1/persons/by-id/{id}", readers, Reply.json(this::byId)),
        ApiRoute.get("/api/v1/persons/{idNumber}", readers, Reply.json(this::byIdNumber)),
        ApiRoute.get("/api/v1/enterprises/{creditCode}", readers, Reply.json(this::enterprise)),
        ApiRoute.get("/api/v1/houses", readers, Reply.json(ctx -> places.houses(principal(ctx), ctx.queryParams().get("q"),
            Paging.of(ctx)))),
        ApiRoute.get("/api/v1/houses/{id}", readers, Reply.json(ctx -> houses.byId(principal(ctx), Paging.pathId(ctx, "id"),
            purpose(ctx), RequestLog.requestId(ctx)))),
        ApiRoute.get("/api/v1/enterprises", readers, Reply.json(ctx -> places.enterprises(principal(ctx),
            ctx.queryParams().get("q"), Paging.of(ctx)))));
  }

  private Future<JsonObject> byIdNumber(RoutingContext ctx) {
    String idNumber = IdLookup.idNumber(ctx.pathParam("idNumber"));
    return persons.byIdNumber(principal(ctx), idNumber, purpose(ctx), RequestLog.requestId(ctx));
  }

  private Future<JsonObject> byId(RoutingContext ctx) {
    return persons.byId(principal(ctx), Paging.pathId(ctx, "id"), purpose(ctx), RequestLog.requestId(ctx));
  }

  private Future<JsonObject> search(RoutingContext ctx) {
    return search.search(principal(ctx), ctx.queryParams().get("q"), Paging.of(ctx), purpose(ctx), RequestLog.requestId(ctx));
  }

  private Future<JsonObject> enterprise(RoutingContext ctx) {
    String code = IdLookup.creditCode(ctx.pathParam("creditCode"));
    return enterprises.byCreditCode(principal(ctx), code, purpose(ctx), RequestLog.requestId(ctx));
  }

  static Purpose purpose(RoutingContext ctx) {
    return Purpose.parse(ctx.queryParams().get("purpose"));
  }
}
