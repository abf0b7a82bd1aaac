package cn.citygrid.geo.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes tiles with the npm packages @mapbox/vector-tile + pbf (src/test/js/decode-mvt.mjs). */
public final class Mvt {
  private Mvt() {}

  /** name → decoded tile ({layer: {extent, features: [...]}}). */
  public static Map<String, JsonObject> decode(Map<String, byte[]> tiles) throws Exception {
    Path dir = Files.createTempDirectory("mvt");
    List<String> files = new ArrayList<>();
    Map<String, String> nameOf = new LinkedHashMap<>();
    for (var e : tiles.entrySet()) {
      Path f = dir.resolve(e.getKey().replace('/', '_') + ".mvt");
      Files.write(f, e.getValue());
      files.add(f.toString());
      nameOf.put(f.toString(), e.getKey());
    }
    JsonObject all = new JsonObject(Node.run("decode-mvt.mjs", "", files.toArray(String[]::new)));
    Map<String, JsonObject> decoded = new LinkedHashMap<>();
    nameOf.forEach((file, name) -> decoded.put(name, all.getJsonObject(file)));
    return decoded;
  }

  public static JsonObject decode(byte[] tile) throws Exception {
    return decode(Map.of("tile", tile)).get("tile");
  }

  /** The features of {@code layer} in a decoded tile; empty when the layer is absent. */
  public static List<JsonObject> features(JsonObject tile, String layer) {
    JsonObject l = tile.getJsonObject(layer);
    if (l == null) {
      return List.of();
    }
    JsonArray f = l.getJsonArray("features");
    List<JsonObject> list = new ArrayList<>();
    for (int i = 0; i < f.size(); i++) {
      list.add(f.getJsonObject(i));
    }
    return list;
  }
}
