package cn.citygrid.geo.tiles;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * TileJSON 3.0.0 documents and a MapLibre style (spec v8) over our own layers only: a plain
 * background and no internet base map, no glyphs or sprites (so no text labels) — the style
 * works on a closed network.
 */
final class MapStyle {
  private MapStyle() {}

  /** TileJSON for {@code name} (a layer or the composite) whose tiles live under {@code tilesUrl}. */
  static JsonObject tileJson(String name, List<TileLayer> layers, String tilesUrl, TileConfig config) {
    JsonArray vectorLayers = new JsonArray();
    for (TileLayer layer : layers) {
      vectorLayers.add(new JsonObject().put("id", layer.name()).put("description", layer.description())
          .put("minzoom", layer.minZoom()).put("maxzoom", layer.maxZoom()).put("fields", new JsonObject(new java.util.LinkedHashMap<>(layer.fields()))));
    }
    double[] b = config.bounds();
    return new JsonObject().put("tilejson", "3.0.0").put("name", "citygrid " + name).put("scheme", "xyz")
        .put("tiles", new JsonArray().add(tilesUrl + "/" + name + "/{z}/{x}/{y}.mvt"))
        .put("minzoom", layers.stream().mapToInt(TileLayer::minZoom).min().orElse(0))
        .put("maxzoom", layers.stream().mapToInt(TileLayer::maxZoom).max().orElse(DefaultLayers.MAX_ZOOM))
        .put("bounds", new JsonArray().add(b[0]).add(b[1]).add(b[2]).add(b[3]))
        .put("vector_layers", vectorLayers);
  }

  /**
   * The style: every layer from the composite source, so a map needs one tile request per tile.
   * Registered layers beyond the built-in ones ({@code registered}) are drawn as they declare
   * ({@link TileLayer#style()}), or as plain circles.
   */
  static JsonObject style(String tilesUrl, TileConfig config, List<TileLayer> registered) {
    double[] b = config.bounds();
    JsonObject source = new JsonObject().put("type", "vector").put("url", tilesUrl + "/" + LayerRegistry.COMPOSITE + ".json");
    JsonArray layers = new JsonArray()
        .add(new JsonObject().put("id", "background").put("type", "background")
            .put("paint", new JsonObject().put("background-color", "#f4f2ed")))
        .add(layer("regions-fill", "fill", "regions").put("paint", new JsonObject()
            .put("fill-color", new JsonArray("[\"match\", [\"get\", \"level\"], 3, \"#e3e9f2\", 4, \"#e8eee6\", \"#f1ece0\"]"))
            .put("fill-opacity", 0.6)))
        .add(layer("regions-line", "line", "regions").put("paint", new JsonObject()
            .put("line-color", "#7a8699").put("line-width", 1.2)))
        .add(layer("grids-line", "line", "grids").put("paint", new JsonObject()
            .put("line-color", "#2f6fd0").put("line-width", 0.8).put("line-dasharray", new JsonArray().add(2).add(1))))
        .add(layer("buildings", "circle", "buildings").put("paint", new JsonObject()
            .put("circle-color", "#8d8d8d").put("circle-radius", 3)))
        .add(layer("houses-aggregate", "circle", "houses").put("filter", new JsonArray("[\"has\", \"count\"]"))
            .put("paint", new JsonObject().put("circle-color", "#e4572e").put("circle-opacity", 0.75)
                .put("circle-radius", new JsonArray("[\"interpolate\", [\"linear\"], [\"get\", \"count\"], 1, 4, 100, 10, 2000, 22]"))))
        .add(layer("houses", "circle", "houses").put("filter", new JsonArray("[\"!\", [\"has\", \"count\"]]"))
            .put("paint", new JsonObject().put("circle-color", "#e4572e").put("circle-radius", 2.5)));
    List<String> builtIn = DefaultLayers.all().stream().map(TileLayer::name).toList();
    for (TileLayer l : registered) {
      if (builtIn.contains(l.name())) {
        continue;
      }
      if (l.style().isEmpty()) {
        layers.add(layer(l.name(), "circle", l.name()).put("paint", new JsonObject().put("circle-color", "#b5179e")
            .put("circle-radius", 4).put("circle-stroke-color", "#ffffff").put("circle-stroke-width", 1)));
      } else {
        l.style().forEach(own -> layers.add(((JsonObject) own).copy().put("source", LayerRegistry.COMPOSITE).put("source-layer", l.name())));
      }
    }
    return new JsonObject().put("version", 8).put("name", "CityGrid")
        .put("center", new JsonArray().add((b[0] + b[2]) / 2).add((b[1] + b[3]) / 2))
        .put("zoom", b[2] - b[0] > 90 ? 2 : 10)
        .put("sources", new JsonObject().put(LayerRegistry.COMPOSITE, source))
        .put("layers", layers);
  }

  private static JsonObject layer(String id, String type, String sourceLayer) {
    return new JsonObject().put("id", id).put("type", type).put("source", LayerRegistry.COMPOSITE).put("source-layer", sourceLayer);
  }
}
