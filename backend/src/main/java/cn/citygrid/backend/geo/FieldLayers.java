package cn.citygrid.backend.geo;

import cn.citygrid.geo.tiles.TileLayer;
import cn.citygrid.geo.tiles.TileLayer.ZoomRule;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Map;

/**
 * What grid workers and citizens report from the field, as tile layers scoped by grid like every
 * layer: events (事件) by state, with whether they are overdue, and check-ins (签到) as density; the served
 * style colours events by state, rings overdue ones in black and sizes check-in cells by their count.
 * Both tables are written by the projection of signed records; migration V17's NOTIFY triggers
 * drop the tiles a change touches.
 */
final class FieldLayers {
  /** An event not resolved within this long after it was reported is overdue (docs/gis.md). */
  static final String OVERDUE_AFTER = "72 hours";

  private FieldLayers() {}

  /**
   * z ≥ 12: every event of the scope, with the signed field record it came from ({@code record_id}, absent
   * for an event made otherwise; a hash, no personal data). {@code overdue} is judged when the tile is drawn; {@code due}
   * (epoch seconds) lets a client judge it later, since a cached tile changes only when its events do.
   */
  static TileLayer events() {
    String select = """
        SELECT e.id, e.category, e.urgency, e.status, e.grid_code, e.record_id,
               e.status IN ('reported', 'dispatched') AND e.reported_at < now() - interval '%1$s' AS overdue,
               extract(epoch FROM e.reported_at + interval '%1$s')::bigint AS due,
               ST_AsMVTGeom(ST_Transform(e.geom, 3857), q.env, 4096, 256, true) AS geom
        FROM grid.event e, q
        WHERE e.geom && q.env4490 AND e.grid_code LIKE ANY (q.patterns)
        """.formatted(OVERDUE_AFTER);
    return new TileLayer("events", "Field events (事件上报) by state and overdue, z ≥ 12",
        Map.of("id", "Number", "category", "String", "urgency", "String", "status", "String", "grid_code", "String",
            "record_id", "String", "overdue", "Boolean", "due", "Number"),
        List.of(new ZoomRule(12, 22, select))).styled(new JsonArray("""
            [{"id": "events", "type": "circle",
              "paint": {"circle-radius": ["match", ["get", "urgency"], "urgent", 7, 5],
                        "circle-color": ["match", ["get", "status"], "reported", "#d62828", "dispatched", "#f77f00",
                                         "resolved", "#2a9d8f", "#8d99ae"],
                        "circle-stroke-color": ["case", ["==", ["get", "overdue"], true], "#1d1d1d", "#ffffff"],
                        "circle-stroke-width": ["case", ["==", ["get", "overdue"], true], 2.5, 1]}}]"""));
  }

  /** z 10–15: check-ins counted in a 16 × 16 raster per tile (density); z ≥ 16: each check-in. */
  static TileLayer checkIns() {
    String density = """
        SELECT count(*) AS count, ST_AsMVTGeom(ST_Centroid(ST_Collect(k.p)), q.env, 4096, 0, true) AS geom
        FROM (SELECT ST_Transform(k.geom, 3857) AS p FROM grid.check_in k, q
              WHERE k.geom && q.inner4490 AND k.grid_code LIKE ANY (q.patterns)) k, q
        GROUP BY floor((ST_X(k.p) - ST_XMin(q.env)) * 16 / (ST_XMax(q.env) - ST_XMin(q.env))),
                 floor((ST_Y(k.p) - ST_YMin(q.env)) * 16 / (ST_YMax(q.env) - ST_YMin(q.env))), q.env
        """;
    String points = """
        SELECT k.id, k.place_id, k.grid_code, extract(epoch FROM k.at)::bigint AS at,
               ST_AsMVTGeom(ST_Transform(k.geom, 3857), q.env, 4096, 256, true) AS geom
        FROM grid.check_in k, q
        WHERE k.geom && q.env4490 AND k.grid_code LIKE ANY (q.patterns)
        """;
    return new TileLayer("checkins", "Check-ins (签到): density (z 10–15, count), points (z ≥ 16)",
        Map.of("count", "Number", "id", "Number", "place_id", "Number", "grid_code", "String", "at", "Number"),
        List.of(new ZoomRule(10, 15, density), new ZoomRule(16, 22, points))).styled(new JsonArray("""
            [{"id": "checkins-density", "type": "circle", "filter": ["has", "count"],
              "paint": {"circle-color": "#3a86ff", "circle-opacity": 0.55,
                        "circle-radius": ["interpolate", ["linear"], ["get", "count"], 1, 3, 10, 7, 100, 14, 1000, 24]}},
             {"id": "checkins", "type": "circle", "filter": ["!", ["has", "count"]],
              "paint": {"circle-color": "#3a86ff", "circle-radius": 3, "circle-stroke-color": "#ffffff", "circle-stroke-width": 1}}]"""));
  }
}
