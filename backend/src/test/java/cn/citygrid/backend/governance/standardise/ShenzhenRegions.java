package cn.citygrid.backend.governance.standardise;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The real 深圳 region tree from the demo's divisions file, as the backend would load grid.region. */
final class ShenzhenRegions {
  static final List<Region> REGIONS = load();
  static final RegionTree TREE = RegionTree.of(REGIONS);

  private ShenzhenRegions() {}

  private static List<Region> load() {
    try (InputStream in = ShenzhenRegions.class.getResourceAsStream("/demo/divisions-440300.json")) {
      JsonObject doc = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      JsonObject province = doc.getJsonObject("province");
      JsonObject city = doc.getJsonObject("city");
      List<Region> out = new ArrayList<>();
      out.add(new Region(province.getString("code"), province.getString("name"), Region.PROVINCE, null));
      out.add(new Region(city.getString("code"), city.getString("name"), Region.CITY, province.getString("code")));
      for (Object d : doc.getJsonArray("districts")) {
        add((JsonObject) d, Region.DISTRICT, city.getString("code"), out);
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void add(JsonObject json, int level, String parent, List<Region> out) {
    out.add(new Region(json.getString("code"), json.getString("name"), level, parent));
    String children = level == Region.DISTRICT ? "streets" : "communities";
    if (level < Region.COMMUNITY && json.getJsonArray(children) != null) {
      for (Object child : json.getJsonArray(children)) {
        add((JsonObject) child, level + 1, json.getString("code"), out);
      }
    }
  }
}
