package cn.citygrid.geo.tiles;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * HTTP for tiles: {@code GET {base}/{layer}/{z}/{x}/{y}.mvt}, TileJSON {@code GET {base}/{layer}.json}
 * and the MapLibre style {@code GET {base}/style.json}. The caller's scope comes from the
 * backend's {@code scopeOf} (it authenticates; we only filter). Failures go to {@code ctx.fail}
 * as {@link cn.citygrid.geo.GeoException}s for the backend's problem+json handler.
 */
public final class TileRoutes {
  static final String MVT = "application/vnd.mapbox-vector-tile";

  private final Vertx vertx;
  private final TileService service;
  private final Function<RoutingContext, TileScope> scopeOf;
  private final TileConfig config;

  public TileRoutes(Vertx vertx, TileService service, Function<RoutingContext, TileScope> scopeOf, TileConfig config) {
    this.vertx = vertx;
    this.service = service;
    this.scopeOf = scopeOf;
    this.config = config;
  }

  /** Mounts the three routes on {@code router} under {@link TileConfig#basePath()}. */
  public void mount(Router router) {
    String base = Pattern.quote(config.basePath());
    router.get(config.basePath() + "/style.json").handler(this::style);
    router.getWithRegex(base + "/(?<layer>[a-z][a-z0-9_]*)/(?<z>\\d{1,2})/(?<x>\\d{1,8})/(?<y>\\d{1,8})\\.mvt").handler(this::tile);
    router.getWithRegex(base + "/(?<layer>[a-z][a-z0-9_]*)\\.json").handler(this::tileJson);
  }

  public void tile(RoutingContext ctx) {
    TileCoord coord;
    TileScope scope;
    try {
      coord = TileCoord.parse(ctx.pathParam("z"), ctx.pathParam("x"), ctx.pathParam("y"));
      scope = Objects.requireNonNull(scopeOf.apply(ctx), "scopeOf returned null");
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    service.tile(ctx.pathParam("layer"), coord, scope)
        .onSuccess(tile -> send(ctx, tile))
        .onFailure(ctx::fail);
  }

  public void tileJson(RoutingContext ctx) {
    String layer = ctx.pathParam("layer");
    try {
      json(ctx, MapStyle.tileJson(layer, service.registry().resolve(layer), tilesUrl(ctx), config));
    } catch (RuntimeException e) {
      ctx.fail(e);
    }
  }

  public void style(RoutingContext ctx) {
    json(ctx, MapStyle.style(tilesUrl(ctx), config, service.registry().layers()));
  }

  private void send(RoutingContext ctx, EncodedTile tile) {
    HttpServerResponse res = ctx.response()
        .putHeader(HttpHeaders.ETAG, tile.etag())
        .putHeader(HttpHeaders.CACHE_CONTROL, config.cacheControl())
        .putHeader(HttpHeaders.VARY, "Accept-Encoding");
    if (HttpCaching.matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), tile.etag())) {
      res.setStatusCode(304).end();
    } else if (tile.isEmpty()) {
      res.setStatusCode(204).end();
    } else if (HttpCaching.acceptsGzip(ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING))
        && !(config.serverCompression() && ctx.request().version() == HttpVersion.HTTP_2)) {
      // already gzip: HTTP/1.x server compression leaves a response with Content-Encoding alone.
      // Not HTTP/2 server compression: Netty's HTTP/2 compressor reads Content-Encoding as "compress
      // with this" and would gzip the stored gzip again; there the raw tile goes out and it compresses.
      res.putHeader(HttpHeaders.CONTENT_TYPE, MVT).putHeader(HttpHeaders.CONTENT_ENCODING, "gzip")
          .end(Buffer.buffer(tile.gzipView()));
    } else {
      vertx.executeBlocking(tile::raw, false)
          .onSuccess(raw -> res.putHeader(HttpHeaders.CONTENT_TYPE, MVT).end(Buffer.buffer(raw)))
          .onFailure(ctx::fail);
    }
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=300")
        .end(body.encode());
  }

  /** Absolute URL of the tile routes: configured, or this request's origin + the router's mount point + base path. */
  private String tilesUrl(RoutingContext ctx) {
    String mount = ctx.mountPoint() == null ? "" : ctx.mountPoint().replaceAll("/+$", "");
    if (config.publicUrl() != null) {
      return config.publicUrl() + config.basePath();
    }
    HttpServerRequest req = ctx.request();
    URI uri = URI.create(req.absoluteURI());
    return uri.getScheme() + "://" + uri.getRawAuthority() + mount + config.basePath();
  }
}
