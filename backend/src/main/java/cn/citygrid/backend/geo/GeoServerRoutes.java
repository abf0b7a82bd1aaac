package cn.citygrid.backend.geo;

import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.http.Reply;
import cn.citygrid.geo.geoserver.GeoServerPublisher;
import cn.citygrid.geo.geoserver.GeoServerPublisher.Step;
import cn.citygrid.geo.geoserver.PublishedLayer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Publishing the grid tables to GeoServer again on demand (it also runs at start when configured). */
final class GeoServerRoutes {
  private final GeoServerPublisher publisher;

  GeoServerRoutes(GeoServerPublisher publisher) {
    this.publisher = publisher;
  }

  List<ApiRoute> routes() {
    return List.of(ApiRoute.post("/api/v1/geo/geoserver/publish", Access.roles(Role.ADMIN),
        Reply.json(ctx -> publisher.publish(PublishedLayer.defaults()).map(GeoServerRoutes::steps))));
  }

  static JsonObject steps(List<Step> steps) {
    JsonArray list = new JsonArray();
    steps.forEach(s -> list.add(new JsonObject().put("resource", s.resource()).put("outcome", s.outcome())));
    return new JsonObject().put("steps", list);
  }
}
