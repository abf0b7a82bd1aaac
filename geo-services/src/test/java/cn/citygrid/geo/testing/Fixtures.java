package cn.citygrid.geo.testing;

/**
 * A small city in SQL (the demo city generator lives in the backend): two districts side by side,
 * each one street and one community of the same square; community 440304001001 holds grids
 * ...001 (west half) and ...002 (east half), community 440305001001 holds one grid ...001.
 *
 * <pre>
 *   22.55 +-----------+-----------+-----------------------+
 *         | A1 001    | A2 002    | B1 440305001001001    |
 *         | bldg 1 (3)| bldg 3 (4)| bldg 4 (5)            |
 *         | bldg 2 (2)|           |                       |
 *   22.50 +-----------+-----------+-----------------------+
 *       114.00     114.025     114.05                  114.10
 * </pre>
 * Buildings: 1 at (114.0100, 22.5200), 2 at (114.0101, 22.5201), 3 at (114.0300, 22.5300),
 * 4 at (114.0700, 22.5200); (n) = houses, all at their building's point. Persons: two residents
 * in house 1, one in house 6; one enterprise in grid A1.
 */
public final class Fixtures {
  public static final String A1 = "440304001001001";
  public static final String A2 = "440304001001002";
  public static final String B1 = "440305001001001";

  private Fixtures() {}

  public static void smallCity(GeoTestDatabase db) {
    db.execute("""
        INSERT INTO grid.region (code, prefix, parent_code, level, name, geom) VALUES
          ('440300', '4403', NULL, 2, '深圳市', ST_Multi(ST_MakeEnvelope(114.00, 22.50, 114.10, 22.55, 4490))),
          ('440304', '440304', '440300', 3, '福田区', ST_Multi(ST_MakeEnvelope(114.00, 22.50, 114.05, 22.55, 4490))),
          ('440305', '440305', '440300', 3, '南山区', ST_Multi(ST_MakeEnvelope(114.05, 22.50, 114.10, 22.55, 4490))),
          ('440304001', '440304001', '440304', 4, '园岭街道', ST_Multi(ST_MakeEnvelope(114.00, 22.50, 114.05, 22.55, 4490))),
          ('440305001', '440305001', '440305', 4, '南头街道', ST_Multi(ST_MakeEnvelope(114.05, 22.50, 114.10, 22.55, 4490))),
          ('440304001001', '440304001001', '440304001', 5, '长城社区', ST_Multi(ST_MakeEnvelope(114.00, 22.50, 114.05, 22.55, 4490))),
          ('440305001001', '440305001001', '440305001', 5, '安乐社区', ST_Multi(ST_MakeEnvelope(114.05, 22.50, 114.10, 22.55, 4490)));
        INSERT INTO grid.unit_grid (code, community_code, name, geom) VALUES
          ('440304001001001', '440304001001', '长城一网格', ST_Multi(ST_MakeEnvelope(114.00, 22.50, 114.025, 22.55, 4490))),
          ('440304001001002', '440304001001', '长城二网格', ST_Multi(ST_MakeEnvelope(114.025, 22.50, 114.05, 22.55, 4490))),
          ('440305001001001', '440305001001', '安乐一网格', ST_Multi(ST_MakeEnvelope(114.05, 22.50, 114.10, 22.55, 4490)));
        INSERT INTO grid.building (id, grid_code, road, road_number, name, floors, units, address, geom) VALUES
          (1, '440304001001001', '红荔路', '1', '1栋', 6, 1, '红荔路1号1栋', ST_SetSRID(ST_MakePoint(114.0100, 22.5200), 4490)),
          (2, '440304001001001', '红荔路', '3', '2栋', 6, 1, '红荔路3号2栋', ST_SetSRID(ST_MakePoint(114.0101, 22.5201), 4490)),
          (3, '440304001001002', '上步路', '8', '3栋', 9, 1, '上步路8号3栋', ST_SetSRID(ST_MakePoint(114.0300, 22.5300), 4490)),
          (4, '440305001001001', '南头路', '2', '4栋', 18, 1, '南头路2号4栋', ST_SetSRID(ST_MakePoint(114.0700, 22.5200), 4490));
        INSERT INTO grid.house (id, building_id, grid_code, unit, floor, room, address, usage, geom)
        SELECT row_number() OVER (ORDER BY b.id, n), b.id, b.grid_code, '1', n, (n * 100 + 1)::text,
               b.address || '1单元' || (n * 100 + 1), CASE WHEN n = 1 THEN 'commercial' ELSE 'residential' END, b.geom
        FROM grid.building b
        JOIN (VALUES (1, 3), (2, 2), (3, 4), (4, 5)) c (building, houses) ON c.building = b.id,
             generate_series(1, c.houses) n;
        INSERT INTO grid.person (id, name, gender) VALUES (1, '张三', '1'), (2, '李四', '2'), (3, '王五', '1');
        INSERT INTO grid.residence (person_id, house_id, kind, source) VALUES
          (1, 1, 'owner', 'test'), (2, 1, 'resident', 'test'), (3, 6, 'tenant', 'test');
        INSERT INTO grid.enterprise (credit_code, name, kind, grid_code, geom) VALUES
          ('91440300MA5ABCDE1X', '测试科技有限公司', '有限责任公司', '440304001001001', ST_SetSRID(ST_MakePoint(114.0100, 22.5200), 4490));
        SELECT setval(pg_get_serial_sequence('grid.house', 'id'), 100);
        SELECT setval(pg_get_serial_sequence('grid.building', 'id'), 100);
        """);
  }
}
