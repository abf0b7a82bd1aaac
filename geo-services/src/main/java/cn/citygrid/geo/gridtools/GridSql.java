package cn.citygrid.geo.gridtools;

/** Every SQL statement of the grid tools, in one place. Geometry travels as WKB in CGCS2000. */
final class GridSql {
  private GridSql() {}

  static final String COMMUNITIES = """
      SELECT code, ST_AsBinary(geom) FROM grid.region WHERE level = 5 AND code = ANY ($1) AND geom IS NOT NULL""";

  static final String GRIDS_OF_COMMUNITIES = """
      SELECT code, name, ST_AsBinary(geom) FROM grid.unit_grid WHERE community_code = ANY ($1)""";

  static final String UPSERT_GRID = """
      INSERT INTO grid.unit_grid (code, community_code, name, geom)
      VALUES ($1, left($1, 12), $2, ST_Multi(ST_GeomFromWKB($3, 4490)))
      ON CONFLICT (code) DO UPDATE SET name = excluded.name, geom = excluded.geom""";

  /** Features of the grids $1 move to whichever of those grids contains them (a point on a boundary stays). */
  static String reassign(String table) {
    return """
        WITH moved AS (
          UPDATE grid.%s f SET grid_code = g.code FROM grid.unit_grid g
          WHERE f.grid_code = ANY ($1) AND g.code = ANY ($1) AND f.grid_code <> g.code AND ST_Contains(g.geom, f.geom)
          RETURNING 1)
        SELECT count(*)::integer FROM moved""".formatted(table);
  }

  static final String LOCK_GRID = """
      SELECT community_code FROM grid.unit_grid WHERE code = $1 FOR UPDATE""";

  /** The pieces of grid $1 cut by line $2, largest first. */
  static final String SPLIT_PIECES = """
      SELECT ST_AsBinary(d.geom) FROM grid.unit_grid g,
        LATERAL ST_Dump(ST_Split(g.geom, ST_GeomFromWKB($2, 4490))) d
      WHERE g.code = $1 ORDER BY ST_Area(d.geom) DESC""";

  static final String INSERT_GRID = """
      INSERT INTO grid.unit_grid (code, community_code, name, geom) VALUES ($1, $2, $3, ST_Multi(ST_GeomFromWKB($4, 4490)))""";

  static final String SET_GEOMETRY = """
      UPDATE grid.unit_grid SET geom = ST_Multi(ST_GeomFromWKB($2, 4490)) WHERE code = $1""";

  static final String LOCK_PAIR = """
      SELECT code, community_code FROM grid.unit_grid WHERE code = ANY ($1) ORDER BY code FOR UPDATE""";

  /** 1 when the two grids share a boundary of positive length (or overlap), else 0 or NULL. */
  static final String SHARED_DIMENSION = """
      SELECT ST_Dimension(ST_Intersection(a.geom, b.geom)) FROM grid.unit_grid a, grid.unit_grid b
      WHERE a.code = $1 AND b.code = $2 AND ST_Intersects(a.geom, b.geom)""";

  static final String ABSORB = """
      UPDATE grid.unit_grid SET geom = ST_Multi(ST_Union(geom, (SELECT geom FROM grid.unit_grid WHERE code = $2)))
      WHERE code = $1""";

  static String moveAll(String table) {
    return "WITH moved AS (UPDATE grid." + table + " SET grid_code = $1 WHERE grid_code = $2 RETURNING 1) "
        + "SELECT count(*)::integer FROM moved";
  }

  static final String DELETE_GRID = "DELETE FROM grid.unit_grid WHERE code = $1";

  static final String GRID_AT = """
      SELECT code, name, community_code FROM grid.unit_grid
      WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1, $2), 4490)) AND code LIKE ANY ($3)
      ORDER BY code LIMIT 1""";

  static final String HOUSES_WITHIN = """
      SELECT id, address, grid_code, usage, ST_X(geom), ST_Y(geom), NULL::float8 FROM grid.house
      WHERE ST_Intersects(geom, ST_GeomFromWKB($1, 4490)) AND grid_code LIKE ANY ($2)
      ORDER BY id LIMIT $3""";

  /**
   * Nearest $4 houses by geodesic distance. The GiST KNN (<->) orders by degrees, which is not
   * metres (a degree of longitude is cos(lat) shorter), so: take the $4 nearest by degrees, let R
   * be the largest of their geodesic distances — the true $4 nearest all lie within R — then
   * rank every house within R (an index-using ST_DWithin with R as degrees of longitude, the
   * wider axis) by geodesic distance.
   */
  static final String NEAREST_HOUSES = """
      WITH p AS (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4490) AS g),
      knn AS (SELECT ST_Distance(h.geom::geography, p.g::geography) AS d FROM grid.house h, p
              WHERE h.grid_code LIKE ANY ($3) ORDER BY h.geom <-> p.g LIMIT $4),
      r AS (SELECT max(d) AS d FROM knn)
      SELECT h.id, h.address, h.grid_code, h.usage, ST_X(h.geom), ST_Y(h.geom),
             ST_Distance(h.geom::geography, p.g::geography) AS d
      FROM grid.house h, p, r
      WHERE h.grid_code LIKE ANY ($3)
        AND ST_DWithin(h.geom, p.g, r.d / (111000.0 * cos(radians(least(abs($2) + r.d / 110000.0, 89)))) + 1e-9)
        AND ST_Distance(h.geom::geography, p.g::geography) <= r.d + 1e-6
      ORDER BY d, h.id LIMIT $4""";

  static final String STATS = """
      SELECT grid_code, houses, persons, enterprises, places, open_events, refreshed_at FROM grid.unit_grid_stats
      WHERE grid_code LIKE ANY ($1) ORDER BY grid_code""";

  static final String REFRESH_STATS = "SELECT grid.refresh_unit_grid_stats($1)";
}
