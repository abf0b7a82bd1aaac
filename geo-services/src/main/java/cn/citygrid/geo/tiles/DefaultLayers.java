package cn.citygrid.geo.tiles;

import cn.citygrid.geo.tiles.TileLayer.ZoomRule;
import java.util.List;
import java.util.Map;

/**
 * The built-in layers and their zoom rules (docs/gis.md has the table). Geometry is stored in
 * CGCS2000; each SELECT filters with {@code geom && q.env4490} (the GiST index on geom) and
 * transforms only the matching rows to 3857 for {@code ST_AsMVTGeom}.
 */
final class DefaultLayers {
  static final int MAX_ZOOM = 22;
  /** The houses layer draws one count per grid up to this zoom (a house change touches its grid's tiles there). */
  static final int PER_GRID_MAX_ZOOM = 13;

  private DefaultLayers() {}

  static List<TileLayer> all() {
    return List.of(regions(), grids(), buildings(), houses());
  }

  /** A region is visible inside the scope and as an ancestor of it (the worker sees their community's outline). */
  private static String regionsAt(int level) {
    return """
        SELECT r.code, r.name, r.level, ST_AsMVTGeom(ST_Transform(r.geom, 3857), q.env, 4096, 256, true) AS geom
        FROM grid.region r, q
        WHERE r.geom && q.env4490 AND r.level = %d
          AND (r.prefix LIKE ANY (q.patterns) OR EXISTS (SELECT 1 FROM unnest(q.prefixes) p WHERE starts_with(p, r.prefix)))
        """.formatted(level);
  }

  static TileLayer regions() {
    return new TileLayer("regions", "Districts (z ≤ 10), streets (z 11–12), communities (z ≥ 13)",
        Map.of("code", "String", "name", "String", "level", "Number"),
        List.of(new ZoomRule(0, 10, regionsAt(3)), new ZoomRule(11, 12, regionsAt(4)), new ZoomRule(13, MAX_ZOOM, regionsAt(5))));
  }

  static TileLayer grids() {
    String select = """
        SELECT g.code, g.name, g.community_code, ST_AsMVTGeom(ST_Transform(g.geom, 3857), q.env, 4096, 256, true) AS geom
        FROM grid.unit_grid g, q
        WHERE g.geom && q.env4490 AND g.code LIKE ANY (q.patterns)
        """;
    return new TileLayer("grids", "Unit grids (单元网格), z ≥ 12",
        Map.of("code", "String", "name", "String", "community_code", "String"),
        List.of(new ZoomRule(12, MAX_ZOOM, select)));
  }

  static TileLayer buildings() {
    String select = """
        SELECT b.id, b.name, b.address, b.floors, b.grid_code,
               ST_AsMVTGeom(ST_Transform(b.geom, 3857), q.env, 4096, 256, true) AS geom
        FROM grid.building b, q
        WHERE b.geom && q.env4490 AND b.grid_code LIKE ANY (q.patterns)
        """;
    return new TileLayer("buildings", "Buildings, z ≥ 15",
        Map.of("id", "Number", "name", "String", "address", "String", "floors", "Number", "grid_code", "String"),
        List.of(new ZoomRule(15, MAX_ZOOM, select)));
  }

  /**
   * z 10–13: one point per unit grid (at a point on its surface, so it lies in exactly one tile)
   * with the grid's house count from grid.unit_grid_stats; z 14–15: clusters of a 16 × 16 cell
   * raster per tile (houses strictly inside the tile, placed at their mean position so a cluster
   * never leaves its tile); z ≥ 16: every house.
   */
  static TileLayer houses() {
    String perGrid = """
        SELECT g.code AS grid_code, g.name, s.houses AS count,
               ST_AsMVTGeom(ST_Transform(ST_PointOnSurface(g.geom), 3857), q.env, 4096, 0, true) AS geom
        FROM grid.unit_grid g JOIN grid.unit_grid_stats s ON s.grid_code = g.code, q
        WHERE g.geom && q.env4490 AND g.code LIKE ANY (q.patterns) AND s.houses > 0
        """;
    String clusters = """
        SELECT count(*) AS count, ST_AsMVTGeom(ST_Centroid(ST_Collect(h.p)), q.env, 4096, 0, true) AS geom
        FROM (SELECT ST_Transform(h.geom, 3857) AS p FROM grid.house h, q
              WHERE h.geom && q.inner4490 AND h.grid_code LIKE ANY (q.patterns)) h, q
        GROUP BY floor((ST_X(h.p) - ST_XMin(q.env)) * 16 / (ST_XMax(q.env) - ST_XMin(q.env))),
                 floor((ST_Y(h.p) - ST_YMin(q.env)) * 16 / (ST_YMax(q.env) - ST_YMin(q.env))), q.env
        """;
    String points = """
        SELECT h.id, h.address, h.usage, h.grid_code, h.building_id,
               ST_AsMVTGeom(ST_Transform(h.geom, 3857), q.env, 4096, 256, true) AS geom
        FROM grid.house h, q
        WHERE h.geom && q.env4490 AND h.grid_code LIKE ANY (q.patterns)
        """;
    return new TileLayer("houses", "Houses: per grid (z 10–13, count), clusters (z 14–15, count), points (z ≥ 16)",
        Map.of("count", "Number", "grid_code", "String", "name", "String", "id", "Number", "address", "String",
            "usage", "String", "building_id", "Number"),
        List.of(new ZoomRule(10, PER_GRID_MAX_ZOOM, perGrid), new ZoomRule(PER_GRID_MAX_ZOOM + 1, 15, clusters), new ZoomRule(16, MAX_ZOOM, points)));
  }
}
