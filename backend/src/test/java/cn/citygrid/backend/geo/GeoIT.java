package cn.citygrid.backend.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.citygrid.backend.config.ConfigKey;
import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.geo.crs.ChinaOffsets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GIS routes over real HTTP on the demo city: coordinate systems in and out, look-ups and
 * statistics limited to the caller's scope, grid import/split/merge with their refusals as
 * problems, and GeoServer publishing that is a no-op unless configured and a 502 problem when the
 * configured server cannot be reached.
 */
class GeoIT {
  static TestDatabase db;
  static TestApp app;
  static Http http;
  static String admin;
  static String supervisor;
  static String worker;
  static String workerGrid;
  static String worker2Grid;
  static double[] house; // lon, lat of a house in the worker's grid

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create(GeoIT.class);
    TestApp.seedDemo(db, 1500);
    app = TestApp.start(db);
    http = app.http();
    admin = app.login("admin", "Demo@2026");
    supervisor = app.login("supervisor", "Demo@2026");
    worker = app.login("worker", "Demo@2026");
    workerGrid = scopeOf("worker");
    worker2Grid = scopeOf("worker2");
    Object[] r = db.rows("SELECT ST_X(geom), ST_Y(geom) FROM grid.house WHERE grid_code = '" + workerGrid + "' ORDER BY id LIMIT 1").get(0);
    house = new double[] {(Double) r[0], (Double) r[1]};
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

  static void assertProblem(Http.Response r, int status, String type) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().getString("type")).isEqualTo("urn:citygrid:problem:" + type);
  }

  @Test
  void transform_convertsBetweenSystems_andSaysWhichIsWhich() {
    JsonObject r = http.get("/api/v1/geo/crs/transform?lon=" + house[0] + "&lat=" + house[1] + "&crs=WGS84&to=GCJ02", worker).json();
    cn.citygrid.geo.crs.LonLat expected = ChinaOffsets.wgs84ToGcj02(house[0], house[1]);
    assertThat(r.getString("crs")).isEqualTo("GCJ02");
    assertThat(r.getDouble("lon")).isCloseTo(expected.lon(), within(1e-12));
    assertThat(r.getDouble("lat")).isCloseTo(expected.lat(), within(1e-12));
    assertThat(r.getJsonObject("from").getString("crs")).isEqualTo("WGS84");
    // Shenzhen: the GCJ-02 offset is hundreds of metres, so the answer is not the input
    assertThat(Math.abs(r.getDouble("lon") - house[0])).isGreaterThan(1e-3);
    JsonObject back = http.get("/api/v1/geo/crs/transform?lon=" + r.getDouble("lon") + "&lat=" + r.getDouble("lat")
        + "&crs=gcj-02&to=EPSG:4490", worker).json();
    assertThat(back.getString("crs")).isEqualTo("CGCS2000");
    assertThat(back.getDouble("lon")).isCloseTo(house[0], within(1e-8));
    assertThat(http.get("/api/v1/geo/crs", app.login("citizen", "Demo@2026")).json().getString("storage")).isEqualTo("CGCS2000");
  }

  @Test
  void badCoordinates_areProblems_namingEveryField() {
    Http.Response unknown = http.send("GET", "/api/v1/geo/grid-at?lon=114&lat=22&crs=tokyo", worker, null, Map.of("Accept-Language", "en"));
    assertProblem(unknown, 400, "crs-unknown");
    assertThat(unknown.json().getString("detail")).contains("WGS84").contains("GCJ02");
    Http.Response missing = http.get("/api/v1/geo/houses/nearest?lon=200&n=0", worker);
    assertProblem(missing, 400, "validation-failed");
    Set<String> fields = missing.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field"))
        .collect(Collectors.toSet());
    assertThat(fields).containsExactlyInAnyOrder("lon", "lat", "n");
    Http.Response line = http.postJson("/api/v1/geo/houses/within", worker, new JsonObject().put("geometry",
        new JsonObject().put("type", "LineString").put("coordinates", new JsonArray("[[114,22],[115,23]]"))));
    assertProblem(line, 400, "validation-failed");
  }

  @Test
  void gridAt_findsTheGridInTheCallersScope_givenCoordinatesInAnySystem() {
    cn.citygrid.geo.crs.LonLat gcj = ChinaOffsets.wgs84ToGcj02(house[0], house[1]);
    JsonObject found = http.get("/api/v1/geo/grid-at?lon=" + gcj.lon() + "&lat=" + gcj.lat() + "&crs=GCJ02", worker).json();
    assertThat(found.getString("code")).isEqualTo(workerGrid);
    assertThat(found.getJsonObject("point").getString("crs")).isEqualTo("GCJ02");
    // the raw GCJ-02 numbers read as CGCS2000 land hundreds of metres away
    Http.Response misread = http.get("/api/v1/geo/grid-at?lon=" + gcj.lon() + "&lat=" + gcj.lat(), admin);
    assertThat(misread.status() == 404 || !workerGrid.equals(misread.json().getString("code"))).isTrue();
    Object[] other = db.rows("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grid.unit_grid WHERE code = '"
        + worker2Grid + "') x").get(0);
    String otherAt = "/api/v1/geo/grid-at?lon=" + other[0] + "&lat=" + other[1];
    assertProblem(http.get(otherAt, worker), 404, "grid-not-found");
    assertThat(http.get(otherAt, admin).json().getString("code")).isEqualTo(worker2Grid);
  }

  @Test
  void nearestAndWithin_returnOnlyHousesOfTheCallersScope_inTheCallersSystem() {
    JsonObject nearest = http.get("/api/v1/geo/houses/nearest?lon=" + house[0] + "&lat=" + house[1] + "&n=50", worker).json();
    assertThat(nearest.getString("crs")).isEqualTo("CGCS2000");
    List<JsonObject> houses = objects(nearest.getJsonArray("houses"));
    assertThat(houses).hasSize(50).allSatisfy(h -> assertThat(h.getString("gridCode")).isEqualTo(workerGrid));
    assertThat(houses.get(0).getDouble("distanceM")).isLessThan(0.01);
    assertThat(houses).isSortedAccordingTo((a, b) -> Double.compare(a.getDouble("distanceM"), b.getDouble("distanceM")));

    double d = 0.02;
    JsonObject box = new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(new JsonArray()
        .add(new JsonArray().add(house[0] - d).add(house[1] - d)).add(new JsonArray().add(house[0] + d).add(house[1] - d))
        .add(new JsonArray().add(house[0] + d).add(house[1] + d)).add(new JsonArray().add(house[0] - d).add(house[1] + d))
        .add(new JsonArray().add(house[0] - d).add(house[1] - d))));
    String inBox = "grid_code = '" + workerGrid + "' AND ST_Within(geom, ST_MakeEnvelope(" + (house[0] - d) + ", " + (house[1] - d)
        + ", " + (house[0] + d) + ", " + (house[1] + d) + ", 4490))";
    List<JsonObject> within = objects(http.postJson("/api/v1/geo/houses/within?limit=10000", worker,
        new JsonObject().put("geometry", box)).json().getJsonArray("houses"));
    assertThat(within).hasSize(Integer.parseInt(db.scalar("SELECT count(*) FROM grid.house WHERE " + inBox)))
        .allSatisfy(h -> assertThat(h.getString("gridCode")).isEqualTo(workerGrid));
    long allScopes = objects(http.postJson("/api/v1/geo/houses/within?limit=10000", admin, new JsonObject().put("geometry", box))
        .json().getJsonArray("houses")).size();
    assertThat(allScopes).isGreaterThan(within.size());
  }

  @Test
  void gridStats_areTheCallersGrids_andFollowAHouseInsertedInTheDatabase() {
    List<JsonObject> mine = objects(http.get("/api/v1/geo/grids/stats", worker).json().getJsonArray("grids"));
    assertThat(mine).hasSize(1);
    int before = mine.get(0).getInteger("houses");
    assertThat(mine.get(0).getString("code")).isEqualTo(workerGrid);
    assertThat(before).isEqualTo(Integer.parseInt(db.scalar("SELECT count(*) FROM grid.house WHERE grid_code = '" + workerGrid + "'")));
    db.execute("INSERT INTO grid.house (building_id, grid_code, unit, floor, room, address, usage, geom) SELECT building_id, grid_code, "
        + "unit, floor, room || '-新', address || '（新增）', usage, geom FROM grid.house WHERE grid_code = '" + workerGrid + "' ORDER BY id LIMIT 1");
    List<JsonObject> after = objects(http.get("/api/v1/geo/grids/stats", worker).json().getJsonArray("grids"));
    assertThat(after.get(0).getInteger("houses")).isEqualTo(before + 1);
    List<JsonObject> street = objects(http.get("/api/v1/geo/grids/stats", supervisor).json().getJsonArray("grids"));
    assertThat(street).allSatisfy(g -> assertThat(g.getString("code")).startsWith(workerGrid.substring(0, 9)))
        .hasSize(Integer.parseInt(db.scalar("SELECT count(*) FROM grid.unit_grid WHERE code LIKE '" + workerGrid.substring(0, 9) + "%'")));
  }

  @Test
  void gridDetails_giveStatisticsOpenEventsAndWorkers_ofAGridInScope_andAreNotFoundOutsideIt() {
    db.execute("INSERT INTO grid.event (category, description, urgency, status, grid_code, reported_at) VALUES "
        + "('municipal', '网格详情测试：未处理', 'normal', 'reported', '" + workerGrid + "', now()), "
        + "('municipal', '网格详情测试：处理中', 'normal', 'dispatched', '" + workerGrid + "', now()), "
        + "('municipal', '网格详情测试：已关闭', 'normal', 'closed', '" + workerGrid + "', now())");
    JsonObject stats = objects(http.get("/api/v1/geo/grids/stats", supervisor).json().getJsonArray("grids")).stream()
        .filter(g -> g.getString("code").equals(workerGrid)).findFirst().orElseThrow();

    Http.Response r = http.get("/api/v1/geo/grids/" + workerGrid, supervisor);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonObject grid = r.json();
    assertThat(grid.getString("name")).isEqualTo(db.scalar("SELECT name FROM grid.unit_grid WHERE code = '" + workerGrid + "'"));
    assertThat(grid.getString("communityCode")).isEqualTo(workerGrid.substring(0, 12));
    JsonObject shown = grid.getJsonObject("stats");
    for (String count : List.of("houses", "persons", "enterprises", "places")) {
      assertThat(shown.getInteger(count)).as(count).isEqualTo(stats.getInteger(count));
    }
    assertThat(shown.getLong("openEvents")).isEqualTo(Long.parseLong(db.scalar("SELECT count(*) FROM grid.event WHERE grid_code = '"
        + workerGrid + "' AND status IN ('reported', 'dispatched')"))).isGreaterThanOrEqualTo(2);
    assertThat(stats.getLong("openEvents")).as("the statistics list counts them too").isEqualTo(shown.getLong("openEvents"));
    db.execute("UPDATE grid.event SET status = 'resolved' WHERE description = '网格详情测试：处理中'");
    JsonObject later = objects(http.get("/api/v1/geo/grids/stats", supervisor).json().getJsonArray("grids")).stream()
        .filter(g -> g.getString("code").equals(workerGrid)).findFirst().orElseThrow();
    assertThat(later.getLong("openEvents")).as("a resolved event is no longer open").isEqualTo(stats.getLong("openEvents") - 1);
    List<JsonObject> workers = objects(grid.getJsonArray("workers"));
    assertThat(workers.stream().map(w -> w.getString("username"))).contains("worker").doesNotContain("worker2", "supervisor");
    assertThat(workers.stream().filter(w -> w.getString("username").equals("worker")).findFirst().orElseThrow().getString("scope"))
        .isEqualTo(workerGrid);
    assertThat(http.get("/api/v1/geo/grids/" + workerGrid, worker).status()).as("a worker sees their own grid").isEqualTo(200);

    // outside the caller's scope the grid is as missing as a code that does not exist
    assertProblem(http.get("/api/v1/geo/grids/" + workerGrid, app.login("worker2", "Demo@2026")), 404, "grid-not-found");
    assertProblem(http.get("/api/v1/geo/grids/" + workerGrid.substring(0, 12) + "999", supervisor), 404, "grid-not-found");
    assertProblem(http.get("/api/v1/geo/grids/not-a-code", admin), 404, "grid-not-found");
    assertProblem(http.get("/api/v1/geo/grids/" + workerGrid, app.login("steward", "Demo@2026")), 403, "forbidden");
  }

  static List<JsonObject> objects(JsonArray array) {
    return array.stream().map(o -> (JsonObject) o).toList();
  }

  /** The worker's grid as a GeoJSON FeatureCollection, its boundary nudged east by {@code shift} degrees. */
  static byte[] gridAsGeoJson(String code, double shift) {
    String feature = db.scalar("SELECT json_build_object('type', 'FeatureCollection', 'features', json_build_array("
        + "json_build_object('type', 'Feature', 'properties', json_build_object('code', code, 'name', name), "
        + "'geometry', ST_AsGeoJSON(ST_Translate(geom, " + shift + ", 0))::json)))::text FROM grid.unit_grid WHERE code = '" + code + "'");
    return feature.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void importDryRun_reportsWithoutWriting_andAnOverlappingImportIsRefusedWithItsFindings() {
    String before = db.scalar("SELECT ST_AsText(geom) FROM grid.unit_grid WHERE code = '" + workerGrid + "'");
    Http.Response dry = http.postFile("/api/v1/geo/grids/imports?dryRun=true&overlapToleranceM2=5", supervisor, "file",
        "grid.geojson", gridAsGeoJson(workerGrid, 0)); // the demo's grids overhang their communities by ~1 m² slivers
    assertThat(dry.status()).as(dry.body()).isEqualTo(200);
    assertThat(dry.json().getBoolean("dryRun")).isTrue();
    assertThat(dry.json().getInteger("written")).isZero();
    assertThat(dry.json().getJsonArray("codes")).containsExactly(workerGrid);

    Http.Response shifted = http.postFile("/api/v1/geo/grids/imports", supervisor, "file", "grid.geojson", gridAsGeoJson(workerGrid, 0.0005));
    assertProblem(shifted, 422, "grid-import-rejected");
    JsonObject report = shifted.json().getJsonObject("report");
    assertThat(report.getInteger("written")).isZero();
    assertThat(objects(report.getJsonArray("findings")).stream().map(f -> f.getString("kind")).toList()).contains("overlap");
    assertThat(db.scalar("SELECT ST_AsText(geom) FROM grid.unit_grid WHERE code = '" + workerGrid + "'")).isEqualTo(before);

    assertProblem(http.postFile("/api/v1/geo/grids/imports", supervisor, "file", "grid.geojson",
        "not json".getBytes(StandardCharsets.UTF_8)), 400, "geojson-invalid");
  }

  @Test
  void importOfAGridOutsideTheSupervisorsStreet_isRefused() {
    String elsewhere = db.scalar("SELECT code FROM grid.region WHERE level = 4 AND code <> '" + workerGrid.substring(0, 9)
        + "' ORDER BY code LIMIT 1");
    Http.Response created = http.postJson("/api/v1/users", admin, new JsonObject().put("username", "geo-elsewhere")
        .put("password", "Passw0rd!x").put("displayName", "别处").put("roles", new JsonArray().add("SUPERVISOR"))
        .put("scope", new JsonArray().add(elsewhere)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String other = app.login("geo-elsewhere", "Passw0rd!x");
    Http.Response refused = http.postFile("/api/v1/geo/grids/imports?dryRun=true", other, "file", "grid.geojson",
        gridAsGeoJson(workerGrid, 0));
    assertProblem(refused, 422, "grid-import-rejected");
    assertThat(objects(refused.json().getJsonObject("report").getJsonArray("findings")).stream().map(f -> f.getString("kind")))
        .contains("out-of-scope");
    JsonObject line = new JsonObject().put("type", "LineString").put("coordinates", new JsonArray("[[0,0],[1,1]]"));
    assertProblem(http.postJson("/api/v1/geo/grids/" + workerGrid + "/split", other, new JsonObject().put("line", line)
        .put("newCode", workerGrid.substring(0, 12) + "099").put("newName", "x")), 404, "grid-not-found");
  }

  /** A vertical line through {@code x} across the grid's box. */
  static JsonObject cutAt(String grid, double x) {
    Object[] env = db.rows("SELECT ST_YMin(e), ST_YMax(e) FROM (SELECT ST_Envelope(geom) e FROM grid.unit_grid WHERE code = '"
        + grid + "') b").get(0);
    return new JsonObject().put("type", "LineString").put("coordinates", new JsonArray()
        .add(new JsonArray().add(x).add((Double) env[0] - 0.001)).add(new JsonArray().add(x).add((Double) env[1] + 0.001)));
  }

  static int houses(String grid) {
    return Integer.parseInt(db.scalar("SELECT count(*) FROM grid.house WHERE grid_code = '" + grid + "'"));
  }

  @Test
  void splitThenMerge_movesHousesBothWays_andAccountsOfTheAbsorbedGridFollow() {
    // a grid of the supervisor's street that no other test reads, with houses on both sides of the cut
    Object[] pick = db.rows("SELECT grid_code, (min(ST_X(geom)) + max(ST_X(geom))) / 2 FROM grid.house WHERE grid_code LIKE '"
        + workerGrid.substring(0, 9) + "%' AND grid_code NOT IN ('" + workerGrid + "', '" + worker2Grid + "') GROUP BY 1"
        + " HAVING max(ST_X(geom)) - min(ST_X(geom)) > 1e-4 ORDER BY 1 LIMIT 1").get(0);
    String grid = (String) pick[0];
    String newCode = grid.substring(0, 12) + "098";
    int before = houses(grid);

    Http.Response split = http.postJson("/api/v1/geo/grids/" + grid + "/split", supervisor,
        new JsonObject().put("line", cutAt(grid, (Double) pick[1])).put("newCode", newCode).put("newName", "新拆分网格"));
    assertThat(split.status()).as(split.body()).isEqualTo(200);
    assertThat(Set.of(split.json().getString("keptCode"), split.json().getString("otherCode"))).containsExactlyInAnyOrder(grid, newCode);
    String moved = split.json().getString("otherCode");
    assertThat(split.json().getJsonObject("reassigned").getInteger("houses")).isEqualTo(houses(moved)).isPositive();
    assertThat(houses(grid) + houses(newCode)).isEqualTo(before);
    assertThat(db.scalar("SELECT count(*) FROM grid.house h JOIN grid.unit_grid g ON g.code = h.grid_code "
        + "WHERE g.code IN ('" + grid + "', '" + newCode + "') AND NOT ST_Intersects(g.geom, h.geom)")).isEqualTo("0");
    double centre = Double.parseDouble(db.scalar("SELECT ST_X(ST_Centroid(geom)) FROM grid.unit_grid WHERE code = '" + grid + "'"));
    assertProblem(http.postJson("/api/v1/geo/grids/" + grid + "/split", supervisor,
        new JsonObject().put("line", cutAt(grid, centre)).put("newCode", newCode).put("newName", "x")), 409, "grid-exists");

    db.execute("INSERT INTO auth.account_scope (account_id, node_code) SELECT id, '" + newCode + "' FROM auth.account WHERE username = 'worker2'");
    String worker2 = app.login("worker2", "Demo@2026");
    assertThat(http.get("/api/v1/geo/grids/stats", worker2).status()).isEqualTo(200);
    Http.Response merged = http.postJson("/api/v1/geo/grids/" + grid + "/merge", supervisor, new JsonObject().put("absorb", newCode));
    assertThat(merged.status()).as(merged.body()).isEqualTo(200);
    assertThat(houses(grid)).isEqualTo(before);
    assertThat(db.scalar("SELECT count(*) FROM grid.unit_grid WHERE code = '" + newCode + "'")).isEqualTo("0");
    assertThat(db.rows("SELECT s.node_code FROM auth.account_scope s JOIN auth.account a ON a.id = s.account_id WHERE a.username = 'worker2'")
        .stream().map(r -> (String) r[0]).toList()).containsExactlyInAnyOrder(worker2Grid, grid);
    assertThat(http.get("/api/v1/geo/grids/stats", worker2).status()).as("a changed scope ends the session").isEqualTo(401);
    List<JsonObject> after = objects(http.get("/api/v1/geo/grids/stats", app.login("worker2", "Demo@2026")).json().getJsonArray("grids"));
    assertThat(after.stream().map(g -> g.getString("code"))).containsExactlyInAnyOrder(worker2Grid, grid);

    assertProblem(http.postJson("/api/v1/geo/grids/" + grid + "/merge", supervisor, new JsonObject().put("absorb", newCode)),
        404, "grid-not-found");
    String apart = db.scalar("SELECT coalesce(min(b.code), '') FROM grid.unit_grid a, grid.unit_grid b WHERE a.code = '" + grid
        + "' AND b.code <> a.code AND b.community_code = a.community_code AND NOT ST_Intersects(a.geom, b.geom)");
    if (!apart.isEmpty()) { // the demo's communities may hold only neighbouring grids
      assertProblem(http.postJson("/api/v1/geo/grids/" + grid + "/merge", supervisor, new JsonObject().put("absorb", apart)),
          409, "grids-not-adjacent");
    }
  }

  @Test
  void geoServerPublish_withoutAServer_doesNothing_andAnUnreachableServerIsA502Problem() throws Exception {
    Http.Response none = http.postJson("/api/v1/geo/geoserver/publish", admin, null);
    assertThat(none.status()).as(none.body()).isEqualTo(200);
    assertThat(none.json().getJsonArray("steps")).containsExactly(new JsonObject().put("resource", "geoserver").put("outcome", "skipped"));

    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (TestApp configured = TestApp.start(db, Map.of(ConfigKey.GEOSERVER_URL, "http://127.0.0.1:" + closedPort + "/geoserver",
        ConfigKey.GEOSERVER_PASSWORD, "s3cret-pass"))) {
      Http.Response failed = configured.http().postJson("/api/v1/geo/geoserver/publish", configured.login("admin", "Demo@2026"), null);
      assertProblem(failed, 502, "geoserver-failed");
      assertThat(failed.body()).doesNotContain("s3cret-pass");
    }
  }
}
