package cn.citygrid.geo.tiles;

import io.vertx.core.json.JsonArray;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A vector-tile layer defined by SQL: for each zoom band a SELECT that draws the layer's features
 * of one tile. The SELECT runs inside {@link TileSql}'s query and may use the one-row relation
 * {@code q} with
 * <ul>
 *   <li>{@code q.env} — the tile envelope in EPSG:3857 (for {@code ST_AsMVTGeom(..., q.env, 4096, 256, true)}),</li>
 *   <li>{@code q.env4490} — the tile plus the 256/4096 buffer in CGCS2000, for the index-using {@code geom && q.env4490},</li>
 *   <li>{@code q.inner4490} — the tile without buffer in CGCS2000 (for features that must land in exactly one tile),</li>
 *   <li>{@code q.z}, and the caller's scope as {@code q.patterns} (for {@code code LIKE ANY(q.patterns)})
 *       and {@code q.prefixes} (the bare prefixes).</li>
 * </ul>
 * It must return a column {@code geom} (rows where it is NULL are dropped) and any attribute
 * columns, which become feature properties. Every SELECT must apply the scope: there is no
 * other filter.
 *
 * @param fields attribute name → TileJSON type ("String", "Number", "Boolean"), for TileJSON
 * @param style  how the served MapLibre style draws the layer: style-spec layers (id, type, filter,
 *               paint) whose source and source-layer the style fills in; empty: plain circles
 */
public record TileLayer(String name, String description, Map<String, String> fields, List<ZoomRule> rules, JsonArray style) {
  /** The SELECT used for zooms {@code minZoom..maxZoom} inclusive. */
  public record ZoomRule(int minZoom, int maxZoom, String select) {}

  public TileLayer {
    if (name == null || !name.matches("[a-z][a-z0-9_]{0,39}")) {
      throw new IllegalArgumentException("a layer name is lower-case letters, digits and _: " + name);
    }
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("layer " + name + " has no zoom rules");
    }
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    rules = List.copyOf(rules);
    style = style.copy();
  }

  public TileLayer(String name, String description, Map<String, String> fields, List<ZoomRule> rules) {
    this(name, description, fields, rules, new JsonArray());
  }

  /** This layer, drawn in the served style by {@code layers} (see {@code style}). */
  public TileLayer styled(JsonArray layers) {
    return new TileLayer(name, description, fields, rules, layers);
  }

  public int minZoom() {
    return rules.stream().mapToInt(ZoomRule::minZoom).min().orElseThrow();
  }

  public int maxZoom() {
    return rules.stream().mapToInt(ZoomRule::maxZoom).max().orElseThrow();
  }

  /** The SELECT for zoom {@code z}, if the layer is drawn at that zoom. */
  public Optional<String> selectAt(int z) {
    return rules.stream().filter(r -> z >= r.minZoom() && z <= r.maxZoom()).map(ZoomRule::select).findFirst();
  }
}
