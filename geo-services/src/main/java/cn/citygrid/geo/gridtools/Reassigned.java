package cn.citygrid.geo.gridtools;

import io.vertx.core.json.JsonObject;

/** How many features changed grid after a geometry change (houses, buildings, enterprises, places). */
public record Reassigned(int houses, int buildings, int enterprises, int places) {
  public static final Reassigned NONE = new Reassigned(0, 0, 0, 0);

  public Reassigned plus(Reassigned o) {
    return new Reassigned(houses + o.houses, buildings + o.buildings, enterprises + o.enterprises, places + o.places);
  }

  public JsonObject toJson() {
    return new JsonObject().put("houses", houses).put("buildings", buildings).put("enterprises", enterprises).put("places", places);
  }
}
