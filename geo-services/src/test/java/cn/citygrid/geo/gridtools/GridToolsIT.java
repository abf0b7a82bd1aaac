package cn.citygrid.geo.gridtools;

import static cn.citygrid.geo.testing.TestVertx.await;
import static cn.citygrid.geo.testing.TestVertx.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.citygrid.geo.GeoException;
import cn.citygrid.geo.crs.Crs;
import cn.citygrid.geo.testing.Fixtures;
import cn.citygrid.geo.testing.GeoTestDatabase;
import cn.citygrid.geo.testing.TestVertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Import, split and merge against PostGIS; each test gets its own copy of the seeded database. */
class GridToolsIT {
  static GeoTestDatabase seeded;
  static TestVertx vertx;
  GeoTestDatabase db;
  Pool pool;
  GridService grids;

  @BeforeAll
  static void seed() {
    seeded = GeoTestDatabase.create(GridToolsIT.class);
    Fixtures.smallCity(seeded);
    vertx = new TestVertx();
  }

  @AfterAll
  static void drop() {
    try {
      vertx.close();
    } finally {
      seeded.close();
    }
  }

  @BeforeEach
  void copy() {
    db = seeded.copy();
    pool = db.pool(vertx.vertx(), 2);
    grids = new GridService(vertx.vertx(), new GridRepository(pool));
  }

  @AfterEach
  void dropCopy() {
    try {
      await(pool.close());
    } finally {
      db.close();
    }
  }

  static byte[] resource(String name) throws Exception {
    return GridToolsIT.class.getResourceAsStream("/gridtools/" + name).readAllBytes();
  }

  /** grid code → houses in it, from the house table itself. */
  Map<String, Integer> housesPerGrid() throws Exception {
    return counts("SELECT grid_code, count(*) FROM grid.house GROUP BY 1");
  }

  Map<String, Integer> counts(String sql) throws Exception {
    Map<String, Integer> m = new TreeMap<>();
    try (var c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        m.put(rs.getString(1), rs.getInt(2));
      }
    }
    return m;
  }

  @Test
  void importGeoJson_writesGridsAndMovesHousesToTheGridNowHoldingThem() throws Exception {
    JsonObject fc = new JsonObject(new String(resource("grids.geojson"), StandardCharsets.UTF_8));
    ImportReport report = await(grids.importGeoJson(fc, ImportOptions.defaults(Crs.CGCS2000)));
    assertThat(report.findings()).isEmpty();
    assertThat(report.written()).isEqualTo(4);
    // building 2 (114.0101, 22.5201) now lies in the new strip 003; building 1 sits exactly on the
    // 001/003 boundary (22.52) and stays where it was
    assertThat(report.reassigned()).isEqualTo(new Reassigned(2, 1, 0, 0));
    assertThat(housesPerGrid()).containsEntry(Fixtures.A1, 3).containsEntry("440304001001003", 2).containsEntry(Fixtures.A2, 4);
    assertThat(counts("SELECT grid_code, houses FROM grid.unit_grid_stats")).isEqualTo(
        Map.of(Fixtures.A1, 3, Fixtures.A2, 4, "440304001001003", 2, "440304001001004", 0, Fixtures.B1, 5));
    assertThat(counts("SELECT name, ST_NumInteriorRings(ST_GeometryN(geom, 1)) FROM grid.unit_grid WHERE code = '"
        + Fixtures.A2 + "'")).containsEntry("长城二网格", 1);
  }

  @Test
  void importShapefile_isTheSameAsItsGeoJsonSource() throws Exception {
    ImportReport report = await(grids.importShapefile(Buffer.buffer(resource("grids-gbk.zip")), ImportOptions.defaults(Crs.CGCS2000)));
    assertThat(report.written()).isEqualTo(4);
    assertThat(report.reassigned()).isEqualTo(new Reassigned(2, 1, 0, 0));
    assertThat(counts("SELECT name, 1 FROM grid.unit_grid WHERE code = '440304001001004'")).containsKey("长城四网格");
  }

  @Test
  void dryRun_reportsButWritesNothing() throws Exception {
    JsonObject fc = new JsonObject(new String(resource("grids.geojson"), StandardCharsets.UTF_8));
    ImportReport report = await(grids.importGeoJson(fc, ImportOptions.defaults(Crs.CGCS2000).asDryRun()));
    assertThat(report.written()).isZero();
    assertThat(report.dryRun()).isTrue();
    assertThat(counts("SELECT 'n', count(*) FROM grid.unit_grid")).containsEntry("n", 3);
  }

  @Test
  void importOverlappingAStoredGrid_isRefusedWithTheOverlapAsGeoJson() throws Exception {
    // a new grid 003 over the east half of A1: stored A1 is not replaced, so they overlap
    JsonObject fc = new JsonObject().put("type", "FeatureCollection").put("features", new io.vertx.core.json.JsonArray().add(
        new JsonObject().put("type", "Feature").put("properties", new JsonObject().put("code", "440304001001003").put("name", "新网格"))
            .put("geometry", new JsonObject("{\"type\":\"Polygon\",\"coordinates\":[[[114.0125,22.5],[114.025,22.5],"
                + "[114.025,22.55],[114.0125,22.55],[114.0125,22.5]]]}"))));
    ImportReport report = await(grids.importGeoJson(fc, ImportOptions.defaults(Crs.CGCS2000)));
    assertThat(report.hasErrors()).isTrue();
    assertThat(report.written()).isZero();
    JsonObject overlap = report.toJson().getJsonArray("findings").getJsonObject(0);
    assertThat(overlap.getString("kind")).isEqualTo("overlap");
    assertThat(overlap.getJsonObject("message").getString("zh")).contains("重叠");
    assertThat(overlap.getJsonObject("geometry").getString("type")).isEqualTo("Polygon");
    assertThat(counts("SELECT 'n', count(*) FROM grid.unit_grid")).containsEntry("n", 3);
  }

  @Test
  void split_givesTheSmallerPieceTheNewCodeAndMovesWhatLiesInIt() throws Exception {
    var line = GridValidatorTest.wkt("LINESTRING(114.011 22.49, 114.011 22.56)");
    GridChange change = await(grids.split(Fixtures.A1, line, Crs.CGCS2000, "440304001001003", "长城三网格"));
    assertThat(change.reassigned()).isEqualTo(new Reassigned(5, 2, 1, 0));
    assertThat(housesPerGrid()).doesNotContainKey(Fixtures.A1).containsEntry("440304001001003", 5);
    Map<String, Integer> widths = counts("SELECT code, round((ST_XMax(geom) - ST_XMin(geom)) * 1000)::int FROM grid.unit_grid");
    assertThat(widths).containsEntry(Fixtures.A1, 14).containsEntry("440304001001003", 11);
    assertThat(counts("SELECT grid_code, persons FROM grid.unit_grid_stats"))
        .containsEntry("440304001001003", 2).containsEntry(Fixtures.A1, 0);
  }

  @Test
  void split_byALineThatDoesNotCrossTheGrid_isRefused() {
    var line = GridValidatorTest.wkt("LINESTRING(114.011 22.49, 114.011 22.51)");
    Throwable f = failure(grids.split(Fixtures.A1, line, Crs.CGCS2000, "440304001001003", "x"));
    assertThat(((GeoException) f).code()).isEqualTo("split-line-invalid");
  }

  @Test
  void split_intoAnExistingCode_isAConflictAndChangesNothing() throws Exception {
    var line = GridValidatorTest.wkt("LINESTRING(114.011 22.49, 114.011 22.56)");
    Throwable f = failure(grids.split(Fixtures.A1, line, Crs.CGCS2000, Fixtures.A2, "x"));
    assertThat(((GeoException) f).code()).isEqualTo("grid-exists");
    assertThat(housesPerGrid()).containsEntry(Fixtures.A1, 5);
  }

  @Test
  void merge_absorbsTheNeighbourAndItsFeatures() throws Exception {
    GridChange change = await(grids.merge(Fixtures.A1, Fixtures.A2));
    assertThat(change.reassigned()).isEqualTo(new Reassigned(4, 1, 0, 0));
    assertThat(housesPerGrid()).containsEntry(Fixtures.A1, 9).doesNotContainKey(Fixtures.A2);
    assertThat(counts("SELECT code, round(ST_Area(geom) * 10000)::int FROM grid.unit_grid"))
        .containsEntry(Fixtures.A1, 25).doesNotContainKey(Fixtures.A2);
    assertThat(counts("SELECT grid_code, houses FROM grid.unit_grid_stats")).containsEntry(Fixtures.A1, 9).doesNotContainKey(Fixtures.A2);
  }

  @Test
  void merge_whenTheStepInItsTransactionFails_changesNothing() throws Exception {
    Throwable f = failure(grids.merge(Fixtures.A1, Fixtures.A2, conn -> conn.query("SELECT 1 / 0").execute().mapEmpty()));
    assertThat(f).hasMessageContaining("division by zero");
    assertThat(housesPerGrid()).containsEntry(Fixtures.A1, 5).containsEntry(Fixtures.A2, 4);
    assertThat(counts("SELECT 'n', count(*) FROM grid.unit_grid")).containsEntry("n", 3);
  }

  @Test
  void merge_runsTheStepInItsTransactionWithTheMergeVisible() throws Exception {
    db.execute("CREATE TABLE public.moved (code text)");
    await(grids.merge(Fixtures.A1, Fixtures.A2, conn -> conn.query("INSERT INTO public.moved SELECT grid_code FROM grid.house "
        + "WHERE building_id = 3 LIMIT 1").execute().mapEmpty()));
    assertThat(counts("SELECT code, 1 FROM public.moved")).containsOnlyKeys(Fixtures.A1);
  }

  @Test
  void import_ofAGridOutsideTheImportersScope_isRefusedAndWritesNothing() throws Exception {
    JsonObject fc = new JsonObject(new String(resource("grids.geojson"), StandardCharsets.UTF_8));
    ImportOptions options = ImportOptions.defaults(Crs.CGCS2000).within(cn.citygrid.geo.tiles.TileScope.of("440305"));
    ImportReport report = await(grids.importGeoJson(fc, options));
    assertThat(report.written()).isZero();
    assertThat(report.findings()).extracting(Finding::kind).containsOnly("out-of-scope");
    assertThat(report.findings()).hasSize(4).allSatisfy(f -> assertThat(f.geometry()).isNotNull());
    assertThat(counts("SELECT 'n', count(*) FROM grid.unit_grid")).containsEntry("n", 3);
  }

  @Test
  void merge_acrossCommunitiesOrWithoutSharedBoundary_isAConflict() {
    assertThat(((GeoException) failure(grids.merge(Fixtures.A2, Fixtures.B1))).code()).isEqualTo("grids-not-same-community");
    db.execute("INSERT INTO grid.unit_grid (code, community_code, name, geom) VALUES ('440304001001009', '440304001001', "
        + "'飞地', ST_Multi(ST_MakeEnvelope(114.2, 22.5, 114.21, 22.51, 4490)))");
    assertThat(((GeoException) failure(grids.merge(Fixtures.A1, "440304001001009"))).code()).isEqualTo("grids-not-adjacent");
    assertThat(((GeoException) failure(grids.merge(Fixtures.A1, "440304001001099"))).code()).isEqualTo("grid-not-found");
  }

  @Test
  void gridArea_isTheSameInPostgisGeographyAndTheValidatorApproximation() throws Exception {
    double postgis = counts("SELECT 'a', round(ST_Area(geom::geography))::int FROM grid.unit_grid WHERE code = '" + Fixtures.B1 + "'").get("a");
    double ours = GridValidator.areaM2(GridValidatorTest.wkt("POLYGON((114.05 22.5, 114.1 22.5, 114.1 22.55, 114.05 22.55, 114.05 22.5))"));
    assertThat(ours).isCloseTo(postgis, within(postgis * 0.005));
  }
}
