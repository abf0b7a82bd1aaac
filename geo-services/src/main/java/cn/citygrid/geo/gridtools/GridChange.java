package cn.citygrid.geo.gridtools;

import io.vertx.core.json.JsonObject;

/**
 * The outcome of a split (the grid keeps its code for the larger piece, {@code otherCode} is the
 * new grid) or a merge ({@code otherCode} was absorbed and no longer exists).
 */
public record GridChange(String keptCode, String otherCode, Reassigned reassigned) {
  public JsonObject toJson() {
    return new JsonObject().put("keptCode", keptCode).put("otherCode", otherCode).put("reassigned", reassigned.toJson());
  }
}
