package cn.citygrid.geo.tiles;

import static cn.citygrid.geo.testing.TestVertx.await;
import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.geo.GeoException;
import cn.citygrid.geo.testing.Fixtures;
import cn.citygrid.geo.testing.GeoTestDatabase;
import cn.citygrid.geo.testing.Mvt;
import cn.citygrid.geo.testing.TestVertx;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tile routes over real HTTP, and cache invalidation by NOTIFY from another connection. */
class TileRoutesIT {
  static GeoTestDatabase db;
  static TestVertx vertx;
  static Pool pool;
  static TileService tiles;
  static TileChangeListener listener;
  static HttpServer server;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final TileCoord A1_Z16 = TileCoord.containing(114.0100, 22.5200, 16);

  @BeforeAll
  static void start() {
    db = GeoTestDatabase.create(TileRoutesIT.class);
    Fixtures.smallCity(db);
    vertx = new TestVertx();
    pool = db.pool(vertx.vertx(), 4);
    TileCache cache = new TileCache(1 << 20);
    tiles = new TileService(vertx.vertx(), LayerRegistry.withDefaults(), new TileRepository(pool), cache);
    listener = new TileChangeListener(vertx.vertx(), db.connectOptions(), cache);
    await(listener.start());
    Router router = Router.router(vertx.vertx());
    Router api = Router.router(vertx.vertx());
    new TileRoutes(vertx.vertx(), tiles, TileRoutesIT::scopeFromHeader, TileConfig.defaults()).mount(api);
    router.route("/api/v1/*").subRouter(api);
    router.route().failureHandler(TileRoutesIT::problem);
    server = await(vertx.vertx().createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    await(server.close());
    await(listener.stop());
    try {
      await(pool.close());
      vertx.close();
    } finally {
      db.close();
    }
  }

  @BeforeEach
  void emptyCache() {
    tiles.cache().invalidateAll();
  }

  /** Stands in for the backend's authentication: X-Scope "*" or comma-separated prefixes. */
  static TileScope scopeFromHeader(RoutingContext ctx) {
    String scope = ctx.request().getHeader("X-Scope");
    return scope == null || scope.equals("*") ? TileScope.ALL : TileScope.of(List.of(scope.split(",")));
  }

  /** Stands in for the backend's problem+json handler. */
  static void problem(RoutingContext ctx) {
    int status = ctx.failure() instanceof GeoException g
        ? switch (g.kind()) { case INVALID -> 400; case NOT_FOUND -> 404; case CONFLICT -> 409; case UPSTREAM -> 502; }
        : 500;
    String code = ctx.failure() instanceof GeoException g ? g.code() : "internal";
    ctx.response().setStatusCode(status).end(new JsonObject().put("code", code).encode());
  }

  static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/api/v1" + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static String tilePath(String layer, TileCoord c) {
    return "/tiles/" + layer + "/" + c + ".mvt";
  }

  static byte[] gunzip(byte[] gz) throws Exception {
    try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  @Test
  void tile_isGzipWithEtagAndPrivateCaching_andRevalidatesTo304() throws Exception {
    HttpResponse<byte[]> first = get(tilePath("houses", A1_Z16), "Accept-Encoding", "gzip");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Content-Type")).hasValue(TileRoutes.MVT);
    assertThat(first.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(first.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
    assertThat(first.headers().firstValue("Vary")).hasValue("Accept-Encoding");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(Mvt.features(Mvt.decode(gunzip(first.body())), "houses")).isNotEmpty();

    HttpResponse<byte[]> again = get(tilePath("houses", A1_Z16), "Accept-Encoding", "gzip", "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.headers().firstValue("ETag")).hasValue(etag);
  }

  @Test
  void tile_withoutGzipSupport_isSentUncompressedWithTheSameEtag() throws Exception {
    HttpResponse<byte[]> gz = get(tilePath("houses", A1_Z16), "Accept-Encoding", "gzip");
    HttpResponse<byte[]> plain = get(tilePath("houses", A1_Z16), "Accept-Encoding", "identity");
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(plain.body()).isEqualTo(gunzip(gz.body()));
    assertThat(plain.headers().firstValue("ETag")).isEqualTo(gz.headers().firstValue("ETag"));
  }

  @Test
  void scopes_getDifferentTilesAndEtags() throws Exception {
    HttpResponse<byte[]> all = get(tilePath("city", A1_Z16), "Accept-Encoding", "gzip");
    HttpResponse<byte[]> worker = get(tilePath("city", A1_Z16), "Accept-Encoding", "gzip", "X-Scope", Fixtures.A2);
    assertThat(worker.headers().firstValue("ETag")).isNotEqualTo(all.headers().firstValue("ETag"));
    JsonObject seen = Mvt.decode(gunzip(worker.body()));
    assertThat(seen.fieldNames()).containsExactly("regions");
    HttpResponse<byte[]> reuse = get(tilePath("city", A1_Z16), "X-Scope", Fixtures.A2,
        "If-None-Match", all.headers().firstValue("ETag").orElseThrow());
    assertThat(reuse.statusCode()).as("another scope's ETag does not revalidate").isEqualTo(200);
  }

  @Test
  void emptyTile_is204() throws Exception {
    assertThat(get(tilePath("houses", TileCoord.containing(10.0, 50.0, 16))).statusCode()).isEqualTo(204);
  }

  @Test
  void badTileAndUnknownLayer_areProblems() throws Exception {
    HttpResponse<byte[]> bad = get("/tiles/houses/3/8/0.mvt");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new String(bad.body())).contains("tile-out-of-range");
    HttpResponse<byte[]> unknown = get("/tiles/events/3/1/1.mvt");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(new String(unknown.body())).contains("layer-unknown");
    assertThat(get("/tiles/nope.json").statusCode()).isEqualTo(404);
  }

  @Test
  void tileJson_describesTheLayersAndAbsoluteTileUrls() throws Exception {
    JsonObject tj = new JsonObject(new String(get("/tiles/city.json").body()));
    assertThat(tj.getString("tilejson")).isEqualTo("3.0.0");
    assertThat(tj.getJsonArray("tiles").getString(0))
        .isEqualTo("http://127.0.0.1:" + server.actualPort() + "/api/v1/tiles/city/{z}/{x}/{y}.mvt");
    assertThat(tj.getJsonArray("vector_layers").stream().map(l -> ((JsonObject) l).getString("id")))
        .containsExactly("regions", "grids", "buildings", "houses");
    JsonObject houses = new JsonObject(new String(get("/tiles/houses.json").body()));
    assertThat(houses.getInteger("minzoom")).isEqualTo(10);
    assertThat(houses.getJsonArray("vector_layers")).hasSize(1);
  }

  @Test
  void style_isMapLibreV8OverOurTileJsonOnly() throws Exception {
    JsonObject style = new JsonObject(new String(get("/tiles/style.json").body()));
    assertThat(style.getInteger("version")).isEqualTo(8);
    assertThat(style.getJsonObject("sources").fieldNames()).containsExactly("city");
    assertThat(style.getJsonObject("sources").getJsonObject("city").getString("url"))
        .isEqualTo("http://127.0.0.1:" + server.actualPort() + "/api/v1/tiles/city.json");
    assertThat(style.encode()).doesNotContain("mapbox://").doesNotContain("glyphs");
  }

  @Test
  void houseMovedOnAnotherConnection_dropsTheCachedTilesOfBothPlaces() throws Exception {
    TileCoord b1 = TileCoord.containing(114.0700, 22.5200, 16);
    get(tilePath("houses", A1_Z16));
    get(tilePath("houses", b1));
    TileCoord outside = TileCoord.containing(114.2, 22.52, 16); // east of the city: cached, empty
    get(tilePath("buildings", outside));
    assertThat(tiles.cache().size()).isEqualTo(3);

    Promise<String> notified = Promise.promise();
    listener.onHandled(notified::tryComplete);
    // house 1 moves from building 1 (grid A1) to building 4's position (grid B1), committed by JDBC
    db.execute("UPDATE grid.house SET geom = ST_SetSRID(ST_MakePoint(114.0700, 22.5200), 4490), grid_code = '"
        + Fixtures.B1 + "', building_id = 4, room = '999' WHERE id = 1");
    assertThat(new JsonObject(await(notified.future())).getString("table")).isEqualTo("house");

    assertThat(tiles.cache().get(new TileCache.Key("houses", "*", 16, A1_Z16.x(), A1_Z16.y()))).isNull();
    assertThat(tiles.cache().get(new TileCache.Key("houses", "*", 16, b1.x(), b1.y()))).isNull();
    assertThat(tiles.cache().get(new TileCache.Key("buildings", "*", 16, outside.x(), outside.y())))
        .as("outside the changed box (both houses and both grids)").isNotNull();
    HttpResponse<byte[]> after = get(tilePath("houses", A1_Z16));
    assertThat(Mvt.features(Mvt.decode(after.body()), "houses")).hasSize(4);
    db.execute("UPDATE grid.house SET geom = ST_SetSRID(ST_MakePoint(114.0100, 22.5200), 4490), grid_code = '"
        + Fixtures.A1 + "', building_id = 1, room = '101' WHERE id = 1");
  }
}
