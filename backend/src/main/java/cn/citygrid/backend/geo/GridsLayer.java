package cn.citygrid.backend.geo;

import cn.citygrid.geo.tiles.TileLayer;
import cn.citygrid.geo.tiles.TileLayer.ZoomRule;
import java.util.List;
import java.util.Map;

/**
 * The unit-grids tile layer as the backend serves it: geo-services' grids (code, name, community) and
 * {@code workers}, the display names of the grid's workers ({@code grid.workers_of}, V29: enabled grid
 * workers whose territory covers the grid, the grid itself or a community, street or district over it), joined by "、".
 * They are staff names, not a resident's data: every role that may read tiles (admin, supervisor, leader,
 * grid worker) sees them, scoped like the grids themselves. Migration V27 keeps cached tiles current when
 * a worker is attached, detached, renamed, disabled or loses the role.
 */
final class GridsLayer {
  private static final String SELECT = """
      SELECT g.code, g.name, g.community_code,
             (SELECT string_agg(w.display_name, '、' ORDER BY w.display_name) FROM grid.workers_of(g.code) w) AS workers,
             ST_AsMVTGeom(ST_Transform(g.geom, 3857), q.env, 4096, 256, true) AS geom
      FROM grid.unit_grid g, q
      WHERE g.geom && q.env4490 AND g.code LIKE ANY (q.patterns)
      """;

  private GridsLayer() {}

  static TileLayer layer() {
    return new TileLayer("grids", "Unit grids (单元网格) with their grid workers, z ≥ 12",
        Map.of("code", "String", "name", "String", "community_code", "String", "workers", "String"),
        List.of(new ZoomRule(12, 22, SELECT)));
  }
}
