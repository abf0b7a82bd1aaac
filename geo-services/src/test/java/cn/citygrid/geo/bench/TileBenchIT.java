package cn.citygrid.geo.bench;

import static cn.citygrid.geo.testing.TestVertx.await;
import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.geo.testing.Fixtures;
import cn.citygrid.geo.testing.GeoTestDatabase;
import cn.citygrid.geo.testing.TestVertx;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the tile benchmark on a synthetic district (1,500 buildings × 20 houses in the fixture
 * city) so the bench path stays working; prints the figures. Not a performance gate: the
 * assertions only check the orders that must hold whatever the machine.
 */
class TileBenchIT {
  static GeoTestDatabase db;
  static TestVertx vertx;

  @BeforeAll
  static void seed() {
    db = GeoTestDatabase.create(TileBenchIT.class);
    Fixtures.smallCity(db);
    db.execute("""
        SELECT setseed(0.2026);
        INSERT INTO grid.building (id, grid_code, road, road_number, name, floors, units, address, geom)
        SELECT 1000 + n, g.code, '测试路', n::text, n || '栋', 20, 1, '测试路' || n || '号', p.geom
        FROM generate_series(1, 1500) n,
             LATERAL (SELECT ST_SetSRID(ST_MakePoint(114.0 + random() * 0.1, 22.5 + random() * 0.05), 4490) AS geom
                      WHERE n > 0) p,
             LATERAL (SELECT code FROM grid.unit_grid WHERE ST_Intersects(geom, p.geom) LIMIT 1) g;
        INSERT INTO grid.house (building_id, grid_code, unit, floor, room, address, usage, geom)
        SELECT b.id, b.grid_code, '1', f, (f * 100 + 1)::text, b.address || f, 'residential', b.geom
        FROM grid.building b, generate_series(1, 20) f WHERE b.id > 1000;
        ANALYZE;
        """);
    vertx = new TestVertx();
  }

  @AfterAll
  static void drop() {
    try {
      vertx.close();
    } finally {
      db.close();
    }
  }

  @Test
  void bench_measuresEveryPathAndCachedBeatsUncached() {
    var plan = new TileBench.Plan(114.05, 22.525, List.of(14, 15, 16), 2, 3, 8, "city");
    TileBench.Result r = await(TileBench.run(vertx.vertx(), db.connectOptions(), plan));
    System.out.println(r.report());
    assertThat(r.tiles()).isEqualTo(75);
    assertThat(r.bytes()).isPositive();
    assertThat(r.sqlPerSecond()).isPositive();
    assertThat(r.uncachedPerSecond()).isPositive();
    assertThat(r.cachedPerSecond()).isGreaterThan(r.uncachedPerSecond());
    assertThat(r.notModifiedPerSecond()).isPositive();
  }
}
