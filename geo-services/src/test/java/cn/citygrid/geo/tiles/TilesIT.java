package cn.citygrid.geo.tiles;

import static cn.citygrid.geo.testing.TestVertx.await;
import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.geo.testing.Fixtures;
import cn.citygrid.geo.testing.GeoTestDatabase;
import cn.citygrid.geo.testing.Mvt;
import cn.citygrid.geo.testing.TestVertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tiles drawn from PostGIS and decoded by @mapbox/vector-tile: layers, zoom rules and scope. */
class TilesIT {
  static GeoTestDatabase db;
  static TestVertx vertx;
  static Pool pool;
  static TileService tiles;
  /** The z16 tile holding buildings 1 and 2 (grid A1). */
  static final TileCoord A1_Z16 = TileCoord.containing(114.0100, 22.5200, 16);

  @BeforeAll
  static void start() {
    db = GeoTestDatabase.create(TilesIT.class);
    Fixtures.smallCity(db);
    vertx = new TestVertx();
    pool = db.pool(vertx.vertx(), 4);
    tiles = new TileService(vertx.vertx(), LayerRegistry.withDefaults(), new TileRepository(pool), new TileCache(1 << 20));
  }

  @AfterAll
  static void stop() {
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

  static JsonObject decoded(String layer, TileCoord c, TileScope scope) throws Exception {
    return Mvt.decode(await(tiles.tile(layer, c, scope)).raw());
  }

  @Test
  void compositeTileAtZ16_hasEveryLayerWithTheFeaturesAndPropertiesOfTheTables() throws Exception {
    JsonObject tile = decoded("city", A1_Z16, TileScope.ALL);
    assertThat(tile.fieldNames()).containsExactlyInAnyOrder("regions", "grids", "buildings", "houses");
    assertThat(tile.getJsonObject("houses").getInteger("extent")).isEqualTo(4096);
    assertThat(Mvt.features(tile, "regions")).extracting(f -> f.getJsonObject("properties").getString("code"))
        .containsExactly("440304001001");
    assertThat(Mvt.features(tile, "grids")).extracting(f -> f.getJsonObject("properties").getString("name"))
        .containsExactly("长城一网格");
    assertThat(Mvt.features(tile, "buildings")).extracting(f -> f.getJsonObject("properties").getString("address"))
        .containsExactlyInAnyOrder("红荔路1号1栋", "红荔路3号2栋");
    List<JsonObject> houses = Mvt.features(tile, "houses");
    assertThat(houses).allSatisfy(f -> assertThat(f.getString("type")).isEqualTo("Point"));
    assertThat(houses).extracting(f -> f.getJsonObject("properties").getString("address"))
        .containsExactlyInAnyOrderElementsOf(sqlStrings("SELECT address FROM grid.house WHERE building_id IN (1, 2)"));
    assertThat(houses).extracting(f -> f.getJsonObject("properties").getString("grid_code")).containsOnly(Fixtures.A1);
  }

  @Test
  void singleLayerTile_holdsOnlyThatLayer() throws Exception {
    JsonObject tile = decoded("buildings", A1_Z16, TileScope.ALL);
    assertThat(tile.fieldNames()).containsExactly("buildings");
    assertThat(Mvt.features(tile, "buildings")).hasSize(2);
  }

  @Test
  void scopeOfAnotherDistrict_seesNothingOfThisOne() throws Exception {
    JsonObject tile = decoded("city", A1_Z16, TileScope.of("440305"));
    assertThat(tile.fieldNames()).isEmpty();
  }

  @Test
  void scopeOfOneGrid_seesItsHousesAndTheOutlineOfItsCommunity() throws Exception {
    JsonObject tile = decoded("city", TileCoord.containing(114.03, 22.53, 16), TileScope.of(Fixtures.A1));
    assertThat(tile.fieldNames()).containsExactly("regions");
    JsonObject own = decoded("city", A1_Z16, TileScope.of(Fixtures.A1));
    assertThat(Mvt.features(own, "houses")).hasSize(5);
    assertThat(Mvt.features(own, "regions")).extracting(f -> f.getJsonObject("properties").getString("code"))
        .containsExactly("440304001001");
  }

  @Test
  void housesAtZ12_areOnePointPerGridCarryingItsHouseCount() throws Exception {
    Map<String, Integer> counts = new TreeMap<>();
    for (JsonObject tile : cityTiles("houses", 12).values()) {
      for (JsonObject f : Mvt.features(tile, "houses")) {
        JsonObject p = f.getJsonObject("properties");
        assertThat(counts.put(p.getString("grid_code"), p.getInteger("count"))).as("one point per grid").isNull();
      }
    }
    assertThat(counts).isEqualTo(sqlCounts("SELECT grid_code, count(*) FROM grid.house GROUP BY 1"));
  }

  @Test
  void housesAtZ14_areClustersWhoseCountsAddUpToEveryHouse() throws Exception {
    int total = 0;
    int clusters = 0;
    for (JsonObject tile : cityTiles("houses", 14).values()) {
      for (JsonObject f : Mvt.features(tile, "houses")) {
        assertThat(f.getJsonObject("properties").fieldNames()).containsExactly("count");
        total += f.getJsonObject("properties").getInteger("count");
        clusters++;
      }
    }
    assertThat(total).isEqualTo(sqlCounts("SELECT 'all', count(*) FROM grid.house").get("all"));
    assertThat(clusters).as("buildings 1 and 2 share a cluster").isEqualTo(3);
  }

  @Test
  void regionsByZoom_areDistrictsThenStreetsThenCommunities() throws Exception {
    TileCoord z9 = TileCoord.containing(114.05, 22.52, 9);
    assertThat(Mvt.features(decoded("regions", z9, TileScope.ALL), "regions"))
        .extracting(f -> f.getJsonObject("properties").getInteger("level")).containsOnly(3).hasSize(2);
    assertThat(Mvt.features(decoded("regions", TileCoord.containing(114.01, 22.52, 12), TileScope.ALL), "regions"))
        .extracting(f -> f.getJsonObject("properties").getInteger("level")).containsOnly(4);
  }

  @Test
  void layerBelowItsMinZoom_isAnEmptyTileWithoutAQuery() {
    EncodedTile tile = await(tiles.tile("buildings", TileCoord.containing(114.01, 22.52, 10), TileScope.ALL));
    assertThat(tile.isEmpty()).isTrue();
  }

  @Test
  void scopes_neverShareCachedTiles() {
    EncodedTile all = await(tiles.tile("houses", A1_Z16, TileScope.ALL));
    EncodedTile other = await(tiles.tile("houses", A1_Z16, TileScope.of("440305")));
    assertThat(other.isEmpty()).isTrue();
    assertThat(all.isEmpty()).isFalse();
    assertThat(await(tiles.tile("houses", A1_Z16, TileScope.of("440305"))).etag()).isEqualTo(other.etag());
    assertThat(tiles.cache().size()).isEqualTo(2);
  }

  /** Every tile at zoom z covering the fixture city, decoded. */
  static Map<String, JsonObject> cityTiles(String layer, int z) throws Exception {
    TileCoord nw = TileCoord.containing(114.0, 22.55, z);
    TileCoord se = TileCoord.containing(114.1, 22.50, z);
    Map<String, byte[]> raw = new LinkedHashMap<>();
    for (int x = nw.x(); x <= se.x(); x++) {
      for (int y = nw.y(); y <= se.y(); y++) {
        TileCoord c = new TileCoord(z, x, y);
        raw.put(c.toString(), await(tiles.tile(layer, c, TileScope.ALL)).raw());
      }
    }
    return Mvt.decode(raw);
  }

  static Set<String> sqlStrings(String sql) throws Exception {
    try (var c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      Set<String> values = new java.util.HashSet<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    }
  }

  static Map<String, Integer> sqlCounts(String sql) throws Exception {
    try (var c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      Map<String, Integer> values = new HashMap<>();
      while (rs.next()) {
        values.put(rs.getString(1), rs.getInt(2));
      }
      return values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }
  }
}
