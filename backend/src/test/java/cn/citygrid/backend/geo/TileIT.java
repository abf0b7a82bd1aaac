package cn.citygrid.backend.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.backend.testing.TileDecoder;
import cn.citygrid.backend.testing.TileDecoder.Decoded;
import cn.citygrid.geo.tiles.TileCache;
import cn.citygrid.geo.tiles.TileCoord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Vector tiles over real HTTP from the demo city: every layer decodes with @mapbox/vector-tile at
 * the positions the database holds, callers see their scope only and the cache keeps scopes
 * apart, gzip/ETag/304 work, and a house moved in the database drops exactly the tiles it touched.
 */
class TileIT {
  static final Map<String, String> GZIP = Map.of("Accept-Encoding", "gzip");
  static TestDatabase db;
  static TestApp app;
  static Http http;
  static String admin;
  static String worker;
  static String worker2;
  static String workerGrid;
  static String worker2Grid;
  static House house;

  record House(long id, double lon, double lat, String grid, long building, String address) {}

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create(TileIT.class);
    TestApp.seedDemo(db, 1500);
    app = TestApp.start(db);
    http = app.http();
    admin = app.login("admin", "Demo@2026");
    worker = app.login("worker", "Demo@2026");
    worker2 = app.login("worker2", "Demo@2026");
    workerGrid = scopeOf("worker");
    worker2Grid = scopeOf("worker2");
    house = house("grid_code = '" + workerGrid + "'");
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      app.close(); // fails the class on blocked event-loop warnings…
    } finally {
      db.close(); // …and the database goes all the same
    }
  }

  static String scopeOf(String username) {
    return db.scalar("SELECT s.node_code FROM auth.account_scope s JOIN auth.account a ON a.id = s.account_id "
        + "WHERE a.username = '" + username + "'");
  }

  static House house(String where) {
    Object[] r = db.rows("SELECT id, ST_X(geom), ST_Y(geom), grid_code, building_id, address FROM grid.house WHERE "
        + where + " ORDER BY id LIMIT 1").get(0);
    return new House((Long) r[0], (Double) r[1], (Double) r[2], (String) r[3], (Long) r[4], (String) r[5]);
  }

  static Http.Bytes get(String layer, TileCoord t, String token, Map<String, String> headers) {
    return http.getBytes("/api/v1/tiles/" + layer + "/" + t + ".mvt", token, headers);
  }

  /** The tile as {@code token} sees it, checked to be served gzip-compressed, decoded by the standard decoder. */
  static Decoded decoded(String layer, TileCoord t, String token) throws Exception {
    Http.Bytes r = get(layer, t, token, GZIP);
    assertThat(r.status()).as("GET %s %s", layer, t).isEqualTo(200);
    assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
    return TileDecoder.decode(TileDecoder.gunzip(r.body()), t.z(), t.x(), t.y());
  }

  static Set<Object> values(Decoded tile, String layer, String property) {
    return tile.features(layer).stream().map(f -> f.getJsonObject("properties").getValue(property))
        .map(v -> v instanceof Integer i ? Long.valueOf(i) : v) // JSON decoding picks Integer or Long by size
        .collect(Collectors.toSet());
  }

  /** Independent of the server: the slippy-map formulas for a tile's lon/lat bounds (west, south, east, north). */
  static double[] bounds(TileCoord t) {
    double n = 1 << t.z();
    return new double[] {t.x() / n * 360 - 180, latitude((t.y() + 1) / n), (t.x() + 1) / n * 360 - 180, latitude(t.y() / n)};
  }

  static double latitude(double yFraction) {
    return Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * yFraction))));
  }

  /** True when the tile's bounds, widened by 256/4096 of its size each side as the tile SQL selects, miss the box. */
  static boolean missesBuffered(TileCoord t, double[] box) {
    double[] b = bounds(t);
    double mx = (b[2] - b[0]) / 16;
    double my = (b[3] - b[1]) / 16;
    return b[2] + mx < box[0] || b[0] - mx > box[2] || b[3] + my < box[1] || b[1] - my > box[3];
  }

  static String inside(TileCoord t) {
    double[] b = bounds(t);
    return "ST_X(geom) BETWEEN " + b[0] + " AND " + b[2] + " AND ST_Y(geom) BETWEEN " + b[1] + " AND " + b[3];
  }

  @Test
  void housesAtPointZooms_decodeAtTheirStoredPositions_withTheirAttributes() throws Exception {
    TileCoord t = TileCoord.containing(house.lon(), house.lat(), 16);
    Decoded tile = decoded("houses", t, admin);
    assertThat(tile.extent("houses")).isEqualTo(4096);
    JsonObject f = tile.features("houses").stream()
        .filter(h -> h.getJsonObject("properties").getLong("id") == house.id()).findFirst().orElseThrow();
    JsonArray at = f.getJsonObject("geometry").getJsonArray("coordinates");
    // 4096 units across a z16 tile: a unit is about 0.15 m, 1.3e-6°
    assertThat(at.getDouble(0)).isCloseTo(house.lon(), within(3e-6));
    assertThat(at.getDouble(1)).isCloseTo(house.lat(), within(3e-6));
    JsonObject p = f.getJsonObject("properties");
    assertThat(p.getString("address")).isEqualTo(house.address());
    assertThat(p.getString("grid_code")).isEqualTo(house.grid());
    assertThat(p.getLong("building_id")).isEqualTo(house.building());
    assertThat(values(tile, "houses", "id")).containsAll(db.rows("SELECT id FROM grid.house WHERE " + inside(t))
        .stream().map(r -> r[0]).toList());
  }

  @Test
  void buildingsGridsAndRegions_decodeWithTheirAttributes_atEachZoomBand() throws Exception {
    TileCoord z16 = TileCoord.containing(house.lon(), house.lat(), 16);
    assertThat(values(decoded("buildings", z16, admin), "buildings", "id")).contains(house.building());
    TileCoord z14 = TileCoord.containing(house.lon(), house.lat(), 14);
    Decoded grids = decoded("grids", z14, admin);
    assertThat(values(grids, "grids", "code")).contains(workerGrid);
    assertThat(grids.features("grids")).allSatisfy(g -> assertThat(g.getJsonObject("geometry").getString("type")).endsWith("Polygon"));
    String community = workerGrid.substring(0, 12);
    assertThat(db.scalar("SELECT name FROM grid.unit_grid WHERE code = '" + workerGrid + "'"))
        .isIn(values(grids, "grids", "name"));
    assertThat(values(decoded("regions", z14, admin), "regions", "code")).contains(community);
    assertThat(values(decoded("regions", TileCoord.containing(house.lon(), house.lat(), 12), admin), "regions", "level"))
        .containsOnly(4L);
    Decoded districts = decoded("regions", TileCoord.containing(house.lon(), house.lat(), 10), admin);
    assertThat(values(districts, "regions", "code")).contains(workerGrid.substring(0, 6));
    assertThat(values(districts, "regions", "level")).containsOnly(3L);
  }

  @Test
  void housesAtLowZooms_areCountsPerGrid_andClustersThatAddUpToTheHousesInTheTile() throws Exception {
    Decoded z12 = decoded("houses", TileCoord.containing(house.lon(), house.lat(), 12), admin);
    JsonObject perGrid = z12.features("houses").stream()
        .filter(f -> workerGrid.equals(f.getJsonObject("properties").getString("grid_code"))).findFirst().orElseThrow();
    assertThat(perGrid.getJsonObject("properties").getInteger("count"))
        .isEqualTo(Integer.valueOf(db.scalar("SELECT count(*) FROM grid.house WHERE grid_code = '" + workerGrid + "'")));
    TileCoord z14 = TileCoord.containing(house.lon(), house.lat(), 14);
    int clustered = decoded("houses", z14, admin).features("houses").stream()
        .mapToInt(f -> f.getJsonObject("properties").getInteger("count")).sum();
    assertThat(clustered).isEqualTo(Integer.valueOf(db.scalar("SELECT count(*) FROM grid.house WHERE " + inside(z14))));
  }

  @Test
  void theCityTile_holdsEveryLayerDrawnAtItsZoom() throws Exception {
    Decoded city = decoded("city", TileCoord.containing(house.lon(), house.lat(), 16), admin);
    // quality appears only where residents have open issues
    assertThat(city.layers().fieldNames()).containsAll(List.of("regions", "grids", "buildings", "houses"))
        .isSubsetOf("regions", "grids", "buildings", "houses", "quality", "events", "checkins");
    // check-in density is drawn from z10 where another test checked in
    assertThat(decoded("city", TileCoord.containing(house.lon(), house.lat(), 11), admin).layers().fieldNames())
        .containsAll(List.of("regions", "houses")).isSubsetOf("regions", "houses", "checkins");
  }

  @Test
  void tiles_areGzippedOnce_withAStrongETag_andRevalidatedEveryTime() throws Exception {
    TileCoord t = TileCoord.containing(house.lon(), house.lat(), 15);
    Http http1 = new Http(http.base(), java.net.http.HttpClient.Version.HTTP_1_1);
    Http.Bytes zipped = http1.getBytes("/api/v1/tiles/city/" + t + ".mvt", worker, GZIP);
    Http.Bytes plain = http1.getBytes("/api/v1/tiles/city/" + t + ".mvt", worker, Map.of());
    assertThat(zipped.header("Content-Type")).isEqualTo("application/vnd.mapbox-vector-tile");
    assertThat(zipped.header("Cache-Control")).isEqualTo("private, no-cache");
    assertThat(zipped.header("Vary")).isEqualTo("Accept-Encoding");
    assertThat(zipped.header("ETag")).matches("\"[A-Za-z0-9_-]{22}\"").isEqualTo(plain.header("ETag"));
    assertThat(plain.header("Content-Encoding")).isNull();
    assertThat(TileDecoder.gunzip(zipped.body())).isEqualTo(plain.body());
    assertThat(zipped.body().length).isLessThan(plain.body().length);
    TileCache.Key key = new TileCache.Key("city", "[" + workerGrid + "]", t.z(), t.x(), t.y());
    assertThat(zipped.body()).as("HTTP/1.1 gets the cached gzip bytes as they are").isEqualTo(app.app().geo().tiles().cache().get(key).gzip());
  }

  @Test
  void overHttp2_theTileIsCompressedOnce_notTheStoredGzipAgain() throws Exception {
    TileCoord t = TileCoord.containing(house.lon(), house.lat(), 15);
    Http.Bytes zipped = get("city", t, worker, GZIP);
    Http.Bytes plain = new Http(http.base(), java.net.http.HttpClient.Version.HTTP_1_1)
        .getBytes("/api/v1/tiles/city/" + t + ".mvt", worker, Map.of());
    assertThat(zipped.headers()).as("the test client must have upgraded to h2c").containsKey(":status");
    assertThat(zipped.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(TileDecoder.gunzip(zipped.body())).isEqualTo(plain.body());
  }

  @Test
  void ifNoneMatch_withTheCurrentETag_is304WithoutABody_otherwise200() {
    TileCoord t = TileCoord.containing(house.lon(), house.lat(), 14);
    String etag = get("city", t, worker, GZIP).header("ETag");
    for (String sent : List.of(etag, "W/" + etag, "\"other\", " + etag)) {
      Http.Bytes r = get("city", t, worker, Map.of("Accept-Encoding", "gzip", "If-None-Match", sent));
      assertThat(r.status()).as(sent).isEqualTo(304);
      assertThat(r.body()).isEmpty();
      assertThat(r.header("ETag")).isEqualTo(etag);
    }
    assertThat(get("city", t, worker, Map.of("If-None-Match", "\"stale\"")).status()).isEqualTo(200);
  }

  @Test
  void aWorker_seesOnlyTheirGrid_andTheOutlineOfTheirCommunity() throws Exception {
    TileCoord z14 = TileCoord.containing(house.lon(), house.lat(), 14);
    Decoded theirs = decoded("city", z14, worker);
    Decoded all = decoded("city", z14, admin);
    assertThat(values(all, "grids", "code")).as("the tile must show several grids for this test to mean anything").hasSizeGreaterThan(1);
    assertThat(values(theirs, "grids", "code")).containsExactly(workerGrid);
    assertThat(values(theirs, "regions", "code")).containsExactly(workerGrid.substring(0, 12));
    int houses = theirs.features("houses").stream().mapToInt(f -> f.getJsonObject("properties").getInteger("count")).sum();
    assertThat(houses).isEqualTo(Integer.valueOf(db.scalar("SELECT count(*) FROM grid.house WHERE grid_code = '"
        + workerGrid + "' AND " + inside(z14))));
    TileCoord z16 = TileCoord.containing(house.lon(), house.lat(), 16);
    assertThat(values(decoded("houses", z16, worker), "houses", "grid_code")).containsExactly(workerGrid);
  }

  @Test
  void theSameUrlForTwoScopes_givesEachTheirOwnBody_andTheCacheNeverMixesThem() throws Exception {
    TileCoord t = TileCoord.containing(house.lon(), house.lat(), 13);
    Http.Bytes first = get("grids", t, worker, GZIP);
    Http.Bytes other = get("grids", t, worker2, GZIP);
    Http.Bytes again = get("grids", t, worker, GZIP);
    assertThat(other.header("ETag")).isNotEqualTo(first.header("ETag"));
    assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(values(TileDecoder.decode(TileDecoder.gunzip(first.body()), t.z(), t.x(), t.y()), "grids", "code"))
        .containsExactly(workerGrid);
    if (other.status() == 200) { // worker2's grid may lie outside this tile: then it is empty (204)
      assertThat(values(TileDecoder.decode(TileDecoder.gunzip(other.body()), t.z(), t.x(), t.y()), "grids", "code"))
          .containsExactly(worker2Grid);
    }
    TileCache cache = app.app().geo().tiles().cache();
    assertThat(cache.get(new TileCache.Key("grids", "[" + workerGrid + "]", t.z(), t.x(), t.y())).etag()).isEqualTo(first.header("ETag"));
    assertThat(cache.get(new TileCache.Key("grids", "[" + worker2Grid + "]", t.z(), t.x(), t.y())).etag()).isEqualTo(other.header("ETag"));
  }

  @Test
  void aHouseMovedInTheDatabase_dropsTheTilesItTouched_andOnlyThose() throws Exception {
    // a house of neither worker's grid (other tests count those), moved next to a house in another
    // z16 tile; a third tile, holding neither position, must stay cached
    House moving = house("grid_code NOT IN ('" + workerGrid + "', '" + worker2Grid + "') AND id <> " + house.id());
    TileCoord from = TileCoord.containing(moving.lon(), moving.lat(), 16);
    List<House> others = db.rows("SELECT DISTINCT ON (ST_X(geom), ST_Y(geom)) id, ST_X(geom), ST_Y(geom), grid_code, building_id, address"
        + " FROM grid.house ORDER BY ST_X(geom), ST_Y(geom), id").stream()
        .map(r -> new House((Long) r[0], (Double) r[1], (Double) r[2], (String) r[3], (Long) r[4], (String) r[5])).toList();
    House neighbour = others.stream().filter(h -> !TileCoord.containing(h.lon(), h.lat(), 16).equals(from))
        .min(java.util.Comparator.comparingDouble(h -> Math.hypot(h.lon() - moving.lon(), h.lat() - moving.lat()))).orElseThrow();
    double newLon = neighbour.lon() + 1e-5;
    double newLat = neighbour.lat();
    TileCoord to = TileCoord.containing(newLon, newLat, 16);
    // the change is the box of the old and new positions; a tile whose buffered bounds miss it must stay
    double[] changed = {Math.min(moving.lon(), newLon), Math.min(moving.lat(), newLat), Math.max(moving.lon(), newLon),
        Math.max(moving.lat(), newLat)};
    House far = others.stream().filter(h -> missesBuffered(TileCoord.containing(h.lon(), h.lat(), 16), changed))
        .findFirst().orElseThrow(() -> new AssertionError("the demo city must have houses away from the move"));
    TileCoord elsewhere = TileCoord.containing(far.lon(), far.lat(), 16);
    assertThat(to).isNotEqualTo(from);
    assertThat(elsewhere).isNotIn(from, to);
    String before = get("houses", from, admin, GZIP).header("ETag");
    assertThat(values(decoded("houses", from, admin), "houses", "id")).contains(moving.id());
    assertThat(values(decoded("houses", to, admin), "houses", "id")).doesNotContain(moving.id());
    decoded("houses", elsewhere, admin);
    String pointOnGrid = db.scalar("SELECT ST_X(p) || ',' || ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grid.unit_grid"
        + " WHERE code = '" + moving.grid() + "') x");
    TileCoord perGrid = TileCoord.containing(Double.parseDouble(pointOnGrid.split(",")[0]), Double.parseDouble(pointOnGrid.split(",")[1]), 12);
    assertThat(values(decoded("houses", perGrid, admin), "houses", "grid_code")).contains(moving.grid());
    TileCache cache = app.app().geo().tiles().cache();
    TileCache.Key farKey = new TileCache.Key("houses", "*", elsewhere.z(), elsewhere.x(), elsewhere.y());
    assertThat(cache.get(farKey)).isNotNull();

    CompletableFuture<String> heard = new CompletableFuture<>();
    app.app().geo().listener().onHandled(payload -> {
      if (payload.contains("\"house\"")) {
        heard.complete(payload);
      }
    });
    db.execute("UPDATE grid.house SET geom = ST_SetSRID(ST_MakePoint(" + newLon + ", " + newLat + "), 4490) WHERE id = " + moving.id());
    heard.get(10, TimeUnit.SECONDS);

    assertThat(cache.get(new TileCache.Key("houses", "*", from.z(), from.x(), from.y()))).isNull();
    assertThat(cache.get(new TileCache.Key("houses", "*", to.z(), to.x(), to.y()))).isNull();
    assertThat(cache.get(new TileCache.Key("houses", "*", perGrid.z(), perGrid.x(), perGrid.y())))
        .as("the house count of its grid is drawn there").isNull();
    assertThat(cache.get(farKey)).as("a tile the change does not touch stays cached").isNotNull();
    Http.Bytes revalidated = get("houses", from, admin, Map.of("Accept-Encoding", "gzip", "If-None-Match", before));
    assertThat(revalidated.status()).isEqualTo(200);
    assertThat(values(TileDecoder.decode(TileDecoder.gunzip(revalidated.body()), from.z(), from.x(), from.y()), "houses", "id"))
        .doesNotContain(moving.id());
    JsonObject arrived = decoded("houses", to, admin).features("houses").stream()
        .filter(h -> h.getJsonObject("properties").getLong("id") == moving.id()).findFirst().orElseThrow();
    assertThat(arrived.getJsonObject("geometry").getJsonArray("coordinates").getDouble(0)).isCloseTo(newLon, within(3e-6));
  }

  @Test
  void anOpenQualityIssue_showsAtItsResidentsHouse_forTheScopeOnly_andClosingItDropsTheTile() throws Exception {
    House home = house("id IN (SELECT house_id FROM grid.residence WHERE until IS NULL) AND grid_code = '" + workerGrid + "'");
    String person = db.scalar("SELECT min(person_id) FROM grid.residence WHERE until IS NULL AND house_id = " + home.id());
    TileCoord t = TileCoord.containing(home.lon(), home.lat(), 16);
    TileCache cache = app.app().geo().tiles().cache();
    TileCache.Key key = new TileCache.Key("quality", "*", t.z(), t.x(), t.y());
    Http.Bytes before = get("quality", t, admin, GZIP);
    List<JsonObject> none = before.status() == 204 ? List.of()
        : TileDecoder.decode(TileDecoder.gunzip(before.body()), t.z(), t.x(), t.y()).features("quality");
    assertThat(none).noneMatch(f -> f.getJsonObject("properties").getLong("house_id") == home.id());

    CompletableFuture<String> opened = heard("\"issue\"");
    db.execute("INSERT INTO gov.source (name, department, title, entity, cadence, mapping, trust) VALUES "
        + "('tile_test', '测试', '测试', 'person', '1 day', '{}', '{}') ON CONFLICT DO NOTHING");
    db.execute("INSERT INTO gov.batch (source, file_name, format, file_sm3, status) VALUES ('tile_test', 'x.csv', 'csv', 'x', 'applied')");
    db.execute("INSERT INTO gov.issue (rule, source, batch_id, row_no, message, person_id, status) SELECT 'phone-invalid', 'tile_test', "
        + "max(id), 1, '电话号码无效', " + person + ", 'open' FROM gov.batch");
    opened.get(10, TimeUnit.SECONDS);
    assertThat(cache.get(key)).as("the tile holding the house was dropped").isNull();

    JsonObject shown = decoded("quality", t, admin).features("quality").stream()
        .filter(f -> f.getJsonObject("properties").getLong("house_id") == home.id()).findFirst().orElseThrow();
    assertThat(shown.getJsonObject("properties").getInteger("issues")).isEqualTo(1);
    assertThat(shown.getJsonObject("properties").getString("rules")).isEqualTo("phone-invalid");
    assertThat(shown.getJsonObject("geometry").getJsonArray("coordinates").getDouble(0)).isCloseTo(home.lon(), within(3e-6));
    assertThat(values(decoded("city", t, worker), "quality", "house_id")).contains(home.id());
    Http.Bytes other = get("quality", t, worker2, GZIP);
    assertThat(other.status() == 204 ? Set.of()
        : values(TileDecoder.decode(TileDecoder.gunzip(other.body()), t.z(), t.x(), t.y()), "quality", "house_id"))
        .as("another grid's worker does not see it").doesNotContain(home.id());

    CompletableFuture<String> closed = heard("\"issue\"");
    db.execute("UPDATE gov.issue SET status = 'closed', closed_at = now() WHERE source = 'tile_test'");
    closed.get(10, TimeUnit.SECONDS);
    assertThat(cache.get(key)).isNull();
    Http.Bytes after = get("quality", t, admin, GZIP);
    assertThat(after.status() == 204 ? Set.of()
        : values(TileDecoder.decode(TileDecoder.gunzip(after.body()), t.z(), t.x(), t.y()), "quality", "house_id"))
        .doesNotContain(home.id());
  }

  @Test
  void eventsByStateAndCheckIns_showInTheirGridsTiles_forTheScopeOnly_assoonAsTheyAreWritten() throws Exception {
    House here = house("grid_code = '" + workerGrid + "'");
    TileCoord t = TileCoord.containing(here.lon(), here.lat(), 16);
    Http.Bytes before = get("events", t, worker, GZIP);
    assertThat(before.status()).as("an empty layer is an empty tile").isEqualTo(204);

    CompletableFuture<String> reported = heard("\"event\"");
    String point = "ST_SetSRID(ST_MakePoint(" + here.lon() + ", " + here.lat() + "), 4490)";
    String event = db.scalar("INSERT INTO grid.event (category, description, urgency, status, grid_code, geom, reported_at)"
        + " VALUES ('municipal', '井盖缺失', 'urgent', 'reported', '" + workerGrid + "', " + point
        + ", now() - interval '4 days') RETURNING id");
    reported.get(10, TimeUnit.SECONDS);
    JsonObject shown = decoded("events", t, worker).features("events").stream()
        .filter(f -> f.getJsonObject("properties").getLong("id") == Long.parseLong(event)).findFirst().orElseThrow();
    assertThat(shown.getJsonObject("properties").getString("status")).isEqualTo("reported");
    assertThat(shown.getJsonObject("properties").getBoolean("overdue")).as("reported four days ago").isTrue();
    assertThat(get("events", t, worker2, GZIP).status()).as("another grid's worker sees none").isEqualTo(204);

    CompletableFuture<String> resolved = heard("\"event\"");
    db.execute("UPDATE grid.event SET status = 'resolved' WHERE id = " + event);
    resolved.get(10, TimeUnit.SECONDS);
    JsonObject after = decoded("events", t, worker).features("events").get(0);
    assertThat(after.getJsonObject("properties").getString("status")).isEqualTo("resolved");
    assertThat(after.getJsonObject("properties").getBoolean("overdue")).isFalse();

    CompletableFuture<String> checkedIn = heard("\"check_in\"");
    db.execute("INSERT INTO grid.check_in (place_code, grid_code, geom, at) VALUES ('test', '" + workerGrid + "', "
        + point + ", now()), ('test', '" + workerGrid + "', " + point + ", now())");
    checkedIn.get(10, TimeUnit.SECONDS);
    assertThat(values(decoded("checkins", t, worker), "checkins", "grid_code")).containsExactly(workerGrid);
    TileCoord z14 = TileCoord.containing(here.lon(), here.lat(), 14);
    assertThat(values(decoded("checkins", z14, worker), "checkins", "count")).as("density: both in one cell").contains(2L);
    assertThat(get("checkins", t, worker2, GZIP).status()).isEqualTo(204);
  }

  @Test
  void grids_carryTheirWorkers_andRenamingOrDetachingOneRedrawsTheirTiles() throws Exception {
    TileCoord z14 = TileCoord.containing(house.lon(), house.lat(), 14);
    String name = db.scalar("SELECT display_name FROM auth.account WHERE username = 'worker'");
    String id = db.scalar("SELECT id FROM auth.account WHERE username = 'worker'");
    assertThat(workersOf(decoded("grids", z14, admin), workerGrid)).contains(name);
    assertThat(workersOf(decoded("grids", z14, worker), workerGrid)).as("the worker sees their own grid's workers").contains(name);
    try {
      CompletableFuture<String> renamed = heard("\"account\"");
      db.execute("UPDATE auth.account SET display_name = '网格员甲' WHERE id = " + id);
      renamed.get(10, TimeUnit.SECONDS);
      assertThat(workersOf(decoded("grids", z14, admin), workerGrid)).contains("网格员甲").doesNotContain(name);

      CompletableFuture<String> detached = heard("\"account_scope\"");
      db.execute("DELETE FROM auth.account_scope WHERE account_id = " + id);
      detached.get(10, TimeUnit.SECONDS);
      assertThat(workersOf(decoded("grids", z14, admin), workerGrid)).doesNotContain("网格员甲");

      // Serving the whole community puts them on every grid of it, as the grid details list them.
      String community = workerGrid.substring(0, 12);
      CompletableFuture<String> widened = heard("\"account_scope\"");
      db.execute("INSERT INTO auth.account_scope (account_id, node_code) VALUES (" + id + ", '" + community + "')");
      widened.get(10, TimeUnit.SECONDS);
      assertThat(workersOf(decoded("grids", z14, admin), workerGrid)).containsOnlyOnce("网格员甲");
      JsonObject details = http.get("/api/v1/geo/grids/" + workerGrid, admin).json();
      assertThat(details.getJsonArray("workers").stream().map(w -> (JsonObject) w)
          .filter(w -> "worker".equals(w.getString("username"))).map(w -> w.getString("scope")).toList())
          .containsExactly(community);
      db.execute("DELETE FROM auth.account_scope WHERE account_id = " + id);
    } finally {
      db.execute("UPDATE auth.account SET display_name = '" + name + "' WHERE id = " + id);
      db.execute("INSERT INTO auth.account_scope (account_id, node_code) VALUES (" + id + ", '" + workerGrid + "') ON CONFLICT DO NOTHING");
    }
  }

  /** The workers property of grid {@code code} in a decoded tile, split into names ("" when it has none). */
  static List<String> workersOf(Decoded tile, String code) {
    JsonObject grid = tile.features("grids").stream().map(f -> f.getJsonObject("properties"))
        .filter(p -> code.equals(p.getString("code"))).findFirst().orElseThrow();
    return List.of(grid.getString("workers", "").split("、"));
  }

  /** Completes with the next tile-change notification whose payload contains {@code marker}, once the cache has applied it. */
  static CompletableFuture<String> heard(String marker) {
    CompletableFuture<String> heard = new CompletableFuture<>();
    app.app().geo().listener().onHandled(payload -> {
      if (payload.contains(marker)) {
        heard.complete(payload);
      }
    });
    return heard;
  }

  @Test
  void badTileRequests_areProblems_inChineseFirst() {
    Http.Response unknown = http.get("/api/v1/tiles/roads/14/13380/7140.mvt", worker);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
    assertThat(unknown.json().getString("type")).isEqualTo("urn:citygrid:problem:layer-unknown");
    assertThat(unknown.json().getString("detail")).isEqualTo("没有图层：roads");
    Http.Response english = http.send("GET", "/api/v1/tiles/city/14/99999/1.mvt", worker, null,
        Map.of("Accept-Language", "en"));
    assertThat(english.status()).isEqualTo(400);
    assertThat(english.json().getString("type")).isEqualTo("urn:citygrid:problem:tile-out-of-range");
    assertThat(english.json().getString("title")).isEqualTo("Not a tile of the XYZ scheme");
    assertThat(get("city", TileCoord.containing(0, 0, 16), admin, GZIP).status()).as("open sea").isEqualTo(204);
  }

  @Test
  void tileJsonAndStyle_pointAtTheServedTiles_andFrameTheCity() {
    JsonObject tileJson = http.get("/api/v1/tiles/city.json", worker).json();
    assertThat(tileJson.getString("tilejson")).isEqualTo("3.0.0");
    assertThat(tileJson.getJsonArray("tiles").getString(0)).isEqualTo(http.base() + "/api/v1/tiles/city/{z}/{x}/{y}.mvt");
    Object[] extent = db.rows("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) e FROM grid.region) x").get(0);
    for (int i = 0; i < 4; i++) {
      assertThat(tileJson.getJsonArray("bounds").getDouble(i)).isCloseTo((Double) extent[i], within(1e-9));
    }
    Set<String> layers = tileJson.getJsonArray("vector_layers").stream().map(l -> ((JsonObject) l).getString("id")).collect(Collectors.toSet());
    assertThat(layers).containsExactlyInAnyOrder("regions", "grids", "buildings", "houses", "quality", "events", "checkins");
    JsonObject style = http.get("/api/v1/tiles/style.json", worker).json();
    assertThat(style.getInteger("version")).isEqualTo(8);
    assertThat(style.getJsonObject("sources").getJsonObject("city").getString("url")).isEqualTo(http.base() + "/api/v1/tiles/city.json");
    style.getJsonArray("layers").stream().map(l -> (JsonObject) l).filter(l -> l.containsKey("source-layer"))
        .forEach(l -> assertThat(layers).contains(l.getString("source-layer")));
    assertThat(http.get("/api/v1/tiles/houses.json", worker).json().getJsonArray("vector_layers")).hasSize(1);
  }

  @Test
  void theServedStyle_passesMapLibresValidator_andDrawsEventsByStateAndOverdue_checkInsByCount() throws Exception {
    JsonObject style = http.get("/api/v1/tiles/style.json", admin).json();
    assertThat(TileDecoder.styleErrors(style)).isEmpty();
    Map<String, JsonObject> byId = style.getJsonArray("layers").stream().map(l -> (JsonObject) l)
        .collect(Collectors.toMap(l -> l.getString("id"), l -> l));
    JsonObject events = byId.get("events");
    assertThat(events.getString("source-layer")).isEqualTo("events");
    assertThat(events.getJsonObject("paint").getJsonArray("circle-color").encode()).contains("[\"get\",\"status\"]");
    assertThat(events.getJsonObject("paint").getJsonArray("circle-stroke-width").encode()).contains("[\"get\",\"overdue\"]");
    assertThat(byId.get("checkins-density").getJsonObject("paint").getJsonArray("circle-radius").encode()).contains("[\"get\",\"count\"]");
    assertThat(byId.get("quality").getString("source-layer")).isEqualTo("quality");
    JsonObject broken = style.copy();
    broken.getJsonArray("layers").getJsonObject(1).put("type", "no-such-type");
    assertThat(TileDecoder.styleErrors(broken)).as("the validator does reject a broken style").isNotEmpty();
  }
}
