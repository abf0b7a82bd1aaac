package cn.citygrid.backend.geo;

import cn.citygrid.geo.tiles.TileLayer;
import cn.citygrid.geo.tiles.TileLayer.ZoomRule;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Map;

/**
 * The data-quality tile layer: one point per house where a current resident has open
 * data-quality issues (gov.issue), with how many and which rules, from z14 (where houses are
 * told apart). Scoped by the house's grid like every layer. Kept current by the NOTIFY triggers
 * of migration V14 on gov.issue and grid.residence. A resident is current until the end of their {@code until}
 * day in the city (Asia/Shanghai), not in the database session's time zone.
 */
final class QualityLayer {
  static final String NAME = "quality";

  private static final String SELECT = """
      SELECT h.id AS house_id, h.grid_code, count(DISTINCT i.id) AS issues,
             string_agg(DISTINCT i.rule, ',' ORDER BY i.rule) AS rules,
             ST_AsMVTGeom(ST_Transform(h.geom, 3857), q.env, 4096, 256, true) AS geom
      FROM q
      JOIN grid.house h ON h.geom && q.env4490 AND h.grid_code LIKE ANY (q.patterns)
      JOIN grid.residence r ON r.house_id = h.id
        AND (r.until IS NULL OR r.until >= (now() AT TIME ZONE 'Asia/Shanghai')::date)
      JOIN gov.issue i ON i.person_id = r.person_id AND i.status = 'open'
      GROUP BY h.id, h.grid_code, h.geom, q.env
      """;

  private QualityLayer() {}

  static TileLayer layer() {
    return new TileLayer(NAME, "Houses whose current residents have open data-quality issues, z ≥ 14",
        Map.of("house_id", "Number", "grid_code", "String", "issues", "Number", "rules", "String"),
        List.of(new ZoomRule(14, 22, SELECT))).styled(new JsonArray("""
            [{"id": "quality", "type": "circle",
              "paint": {"circle-color": "#7b2cbf", "circle-radius": ["interpolate", ["linear"], ["get", "issues"], 1, 4, 5, 8],
                        "circle-stroke-color": "#ffffff", "circle-stroke-width": 1}}]"""));
  }
}
