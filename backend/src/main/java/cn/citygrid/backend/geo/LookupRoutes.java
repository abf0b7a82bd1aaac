package cn.citygrid.backend.geo;

import static cn.citygrid.backend.http.ApiRouter.principal;

import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.JsonBody;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Reply;
import cn.citygrid.backend.http.Text;
import cn.citygrid.geo.crs.Crs;
import cn.citygrid.geo.crs.CrsTransform;
import cn.citygrid.geo.crs.LonLat;
import cn.citygrid.geo.gridtools.GeoJson;
import cn.citygrid.geo.gridtools.GridLookup;
import cn.citygrid.geo.gridtools.GridStats;
import cn.citygrid.geo.gridtools.HouseRef;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygonal;

/**
 * Coordinate conversion and the scoped spatial look-ups. Every coordinate in takes {@code ?crs=}
 * (default CGCS2000); every coordinate out says its system in {@code crs}.
 */
final class LookupRoutes {
  private static final GeometryFactory LON_LAT = new GeometryFactory();

  private final Vertx vertx;
  private final GridLookup lookup;
  private final GridDetails grids;

  LookupRoutes(Vertx vertx, GridLookup lookup, GridDetails grids) {
    this.vertx = vertx;
    this.lookup = lookup;
    this.grids = grids;
  }

  List<ApiRoute> routes(Access mapUsers) {
    return List.of(
        ApiRoute.get("/api/v1/geo/crs", Access.signedIn(), Reply.json(ctx -> Future.succeededFuture(systems()))),
        ApiRoute.get("/api/v1/geo/crs/transform", Access.signedIn(), Reply.json(this::transform)),
        ApiRoute.get("/api/v1/geo/grid-at", mapUsers, Reply.json(this::gridAt)),
        ApiRoute.get("/api/v1/geo/houses/nearest", mapUsers, Reply.json(this::nearest)),
        ApiRoute.post("/api/v1/geo/houses/within", mapUsers, Reply.json(this::within)),
        ApiRoute.get("/api/v1/geo/grids/stats", mapUsers, Reply.json(this::stats)),
        // after /grids/stats, which the router would otherwise take for a grid code
        ApiRoute.get("/api/v1/geo/grids/{code}", mapUsers, Reply.json(ctx -> grids.byCode(principal(ctx), ctx.pathParam("code")))));
  }

  private static JsonObject systems() {
    JsonArray list = new JsonArray();
    Arrays.stream(Crs.values()).forEach(c -> list.add(new JsonObject().put("name", c.label())
        .put("epsg", c.epsg() == 0 ? null : c.epsg())));
    return new JsonObject().put("storage", Crs.CGCS2000.label()).put("default", Crs.CGCS2000.label()).put("systems", list);
  }

  /** {@code ?lon&lat&crs=FROM&to=TO}: the point in TO, and the input echoed in FROM. */
  private Future<JsonObject> transform(RoutingContext ctx) {
    GeoQuery q = new GeoQuery(ctx);
    Crs from = q.crs("crs");
    Crs to = q.crs("to");
    double lon = q.lon();
    double lat = q.lat();
    q.validate();
    LonLat p = CrsTransform.transform(lon, lat, from, to);
    return Future.succeededFuture(point(p.lon(), p.lat(), to)
        .put("from", point(lon, lat, from)));
  }

  private Future<JsonObject> gridAt(RoutingContext ctx) {
    GeoQuery q = new GeoQuery(ctx);
    Crs crs = q.crs("crs");
    double lon = q.lon();
    double lat = q.lat();
    q.validate();
    return lookup.gridAt(lon, lat, crs, GeoScopes.of(principal(ctx))).map(found -> found
        .map(g -> new JsonObject().put("code", g.code()).put("name", g.name()).put("communityCode", g.communityCode())
            .put("point", point(lon, lat, crs)))
        .orElseThrow(() -> new DomainException(ProblemType.GRID_NOT_FOUND,
            Text.of("该位置不在您管辖范围内的任何网格中", "No grid of your scope contains this point"))));
  }

  private Future<JsonObject> nearest(RoutingContext ctx) {
    GeoQuery q = new GeoQuery(ctx);
    Crs crs = q.crs("crs");
    double lon = q.lon();
    double lat = q.lat();
    int n = q.integer("n", 10, 1, 200);
    q.validate();
    return lookup.nearestHouses(lon, lat, crs, n, GeoScopes.of(principal(ctx))).map(houses -> houses(houses, crs));
  }

  /** Body {@code {"geometry": GeoJSON Polygon or MultiPolygon}}; {@code ?crs&limit}. */
  private Future<JsonObject> within(RoutingContext ctx) {
    GeoQuery q = new GeoQuery(ctx);
    Crs crs = q.crs("crs");
    int limit = q.integer("limit", 1000, 1, 10_000);
    q.validate();
    JsonBody body = JsonBody.of(ctx);
    JsonObject geometry = body.requiredObject("geometry");
    body.validate();
    // a drawn polygon may have thousands of vertices: reading and validating it is a worker's job
    return vertx.executeBlocking(() -> polygon(geometry), false)
        .compose(polygon -> lookup.housesWithin(polygon, crs, GeoScopes.of(principal(ctx)), limit))
        .map(houses -> houses(houses, crs));
  }

  private static Geometry polygon(JsonObject geometry) {
    Geometry polygon = GeoJson.read(geometry, LON_LAT);
    if (!(polygon instanceof Polygonal) || !polygon.isValid()) {
      throw DomainException.validation(List.of(new DomainException.FieldError("geometry", "polygon",
          Text.of("应为有效的 Polygon 或 MultiPolygon", "Must be a valid Polygon or MultiPolygon"))));
    }
    return polygon;
  }

  private Future<JsonObject> stats(RoutingContext ctx) {
    return lookup.stats(GeoScopes.of(principal(ctx))).map(LookupRoutes::stats);
  }

  private static JsonObject stats(List<GridStats> rows) {
    JsonArray grids = new JsonArray();
    rows.forEach(s -> grids.add(new JsonObject().put("code", s.code()).put("houses", s.houses()).put("persons", s.persons())
        .put("enterprises", s.enterprises()).put("places", s.places()).put("openEvents", s.openEvents()).put("refreshedAt", s.refreshedAt().toString())));
    return new JsonObject().put("grids", grids);
  }

  private static JsonObject houses(List<HouseRef> houses, Crs crs) {
    JsonArray list = new JsonArray();
    houses.forEach(h -> list.add(h.toJson()));
    return new JsonObject().put("crs", crs.label()).put("houses", list);
  }

  private static JsonObject point(double lon, double lat, Crs crs) {
    return new JsonObject().put("lon", lon).put("lat", lat).put("crs", crs.label());
  }
}
