package cn.citygrid.backend.geo;

import static cn.citygrid.backend.http.ApiRouter.principal;

import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.geo.tiles.TileConfig;
import cn.citygrid.geo.tiles.TileRoutes;
import cn.citygrid.geo.tiles.TileService;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Vector tiles, TileJSON and the MapLibre style, declared like every other route so the access
 * check and the OpenAPI contract cover them. geo-services draws, caches and answers (gzip, ETag,
 * 304); we supply the caller's scope. The style route comes first: {@code style} is not a layer.
 */
final class TileApi {
  static final String BASE = "/api/v1/tiles";

  private final TileRoutes tiles;

  TileApi(Vertx vertx, TileService service, TileConfig config) {
    this.tiles = new TileRoutes(vertx, service, ctx -> GeoScopes.of(principal(ctx)), config);
  }

  List<ApiRoute> routes(Access mapUsers) {
    return List.of(
        ApiRoute.get(BASE + "/style.json", mapUsers, tiles::style),
        ApiRoute.get(BASE + "/{layer}.json", mapUsers, tiles::tileJson),
        ApiRoute.get(BASE + "/{layer}/{z}/{x}/{y}.mvt", mapUsers, tiles::tile));
  }
}
