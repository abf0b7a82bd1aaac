package cn.citygrid.geo.gridtools;

import static cn.citygrid.geo.testing.TestVertx.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.citygrid.geo.crs.Crs;
import cn.citygrid.geo.crs.CrsTransform;
import cn.citygrid.geo.crs.LonLat;
import cn.citygrid.geo.testing.Fixtures;
import cn.citygrid.geo.testing.GeoTestDatabase;
import cn.citygrid.geo.testing.TestVertx;
import cn.citygrid.geo.tiles.TileScope;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Read-only look-ups over the fixture city (these tests do not write). */
class GridLookupIT {
  static GeoTestDatabase db;
  static TestVertx vertx;
  static Pool pool;
  static GridLookup lookup;

  @BeforeAll
  static void start() {
    db = GeoTestDatabase.create(GridLookupIT.class);
    Fixtures.smallCity(db);
    // the KNN trap, south-east of building 4: from P (114.08, 22.51), house 201 is 0.0100° east
    // (≈ 1028 m) and house 202 is 0.0095° north (≈ 1051 m): nearer in degrees, farther in metres
    db.execute("""
        INSERT INTO grid.house (id, building_id, grid_code, unit, floor, room, address, usage, geom) VALUES
          (201, 4, '440305001001001', '9', 1, 'E', '东侧', 'residential', ST_SetSRID(ST_MakePoint(114.0900, 22.5100), 4490)),
          (202, 4, '440305001001001', '9', 1, 'N', '北侧', 'residential', ST_SetSRID(ST_MakePoint(114.0800, 22.5195), 4490))""");
    vertx = new TestVertx();
    pool = db.pool(vertx.vertx(), 2);
    lookup = new GridLookup(pool);
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

  @Test
  void gridAt_findsTheGridHoldingThePoint_inTheCallersCrs() {
    assertThat(await(lookup.gridAt(114.07, 22.52, Crs.CGCS2000, TileScope.ALL))).hasValueSatisfying(g -> {
      assertThat(g.code()).isEqualTo(Fixtures.B1);
      assertThat(g.name()).isEqualTo("安乐一网格");
    });
    // a phone reports GCJ-02: 114.0240 E in CGCS2000 is in A1, its GCJ-02 image is ~500 m further east (in A2's longitudes)
    LonLat phone = CrsTransform.transform(114.0240, 22.52, Crs.CGCS2000, Crs.GCJ02);
    assertThat(phone.lon()).isGreaterThan(114.025);
    assertThat(await(lookup.gridAt(phone.lon(), phone.lat(), Crs.GCJ02, TileScope.ALL))).map(GridRef::code).hasValue(Fixtures.A1);
  }

  @Test
  void gridAt_outsideTheScopeOrAnyGrid_isEmpty() {
    assertThat(await(lookup.gridAt(114.07, 22.52, Crs.CGCS2000, TileScope.of("440304")))).isEmpty();
    assertThat(await(lookup.gridAt(113.0, 22.52, Crs.CGCS2000, TileScope.ALL))).isEmpty();
  }

  @Test
  void housesWithin_returnsTheHousesInThePolygonInTheCallersCrs() {
    var box = GridValidatorTest.wkt("POLYGON((114.005 22.515, 114.015 22.515, 114.015 22.525, 114.005 22.525, 114.005 22.515))");
    List<HouseRef> houses = await(lookup.housesWithin(box, Crs.CGCS2000, TileScope.ALL, 100));
    assertThat(houses).extracting(HouseRef::id).containsExactly(1L, 2L, 3L, 4L, 5L);
    var gcjBox = cn.citygrid.geo.crs.CrsTransform.transform(box, Crs.CGCS2000, Crs.GCJ02);
    List<HouseRef> viaGcj = await(lookup.housesWithin(gcjBox, Crs.GCJ02, TileScope.ALL, 100));
    assertThat(viaGcj).extracting(HouseRef::id).containsExactly(1L, 2L, 3L, 4L, 5L);
    LonLat expected = CrsTransform.transform(114.0100, 22.5200, Crs.CGCS2000, Crs.GCJ02);
    assertThat(viaGcj.get(0).lon()).isCloseTo(expected.lon(), within(1e-9));
    assertThat(viaGcj.get(0).toJson().getString("crs")).isEqualTo("GCJ02");
    assertThat(await(lookup.housesWithin(box, Crs.CGCS2000, TileScope.ALL, 2))).hasSize(2);
    assertThat(await(lookup.housesWithin(box, Crs.CGCS2000, TileScope.of("440305"), 100))).isEmpty();
  }

  @Test
  void nearestHouses_rankByMetresNotDegrees() {
    List<HouseRef> nearest = await(lookup.nearestHouses(114.08, 22.51, Crs.CGCS2000, 1, TileScope.ALL));
    assertThat(nearest).extracting(HouseRef::id).containsExactly(201L);
    assertThat(nearest.get(0).distanceM()).isCloseTo(1028.5, within(2.0));
    assertThat(await(lookup.nearestHouses(114.08, 22.51, Crs.CGCS2000, 2, TileScope.ALL)))
        .extracting(HouseRef::id).containsExactly(201L, 202L);
  }

  @Test
  void nearestHouses_orderTiesByIdAndRespectTheScope() {
    List<HouseRef> six = await(lookup.nearestHouses(114.0100, 22.5200, Crs.CGCS2000, 6, TileScope.ALL));
    assertThat(six).extracting(HouseRef::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(six.get(0).distanceM()).isZero();
    assertThat(six.get(5).distanceM()).isBetween(2200.0, 2500.0);
    assertThat(await(lookup.nearestHouses(114.0100, 22.5200, Crs.CGCS2000, 2, TileScope.of("440305"))))
        .extracting(HouseRef::gridCode).containsOnly(Fixtures.B1);
  }

  @Test
  void stats_countHousesPersonsAndEnterprisesPerGridInScope() {
    List<GridStats> stats = await(lookup.stats(TileScope.of("440304")));
    assertThat(stats).extracting(GridStats::code).containsExactly(Fixtures.A1, Fixtures.A2);
    GridStats a1 = stats.get(0);
    assertThat(List.of(a1.houses(), a1.persons(), a1.enterprises(), a1.places())).containsExactly(5, 2, 1, 0);
    assertThat(stats.get(1).persons()).isEqualTo(1);
    assertThat(await(lookup.refreshStats(null))).isEqualTo(3);
    assertThat(await(lookup.stats(TileScope.of(Fixtures.B1)))).extracting(GridStats::houses).containsExactly(7);
  }
}
