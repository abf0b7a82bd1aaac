package cn.citygrid.geo.gridtools;

import cn.citygrid.geo.crs.Crs;
import io.vertx.core.json.JsonObject;

/**
 * A house found by a spatial query, its position in {@code crs} (the one the caller asked in) and,
 * for nearest-house queries, its geodesic distance in metres (else null).
 */
public record HouseRef(long id, String address, String gridCode, String usage, double lon, double lat, Crs crs, Double distanceM) {
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("address", address).put("gridCode", gridCode).put("usage", usage)
        .put("lon", lon).put("lat", lat).put("crs", crs.label());
    return distanceM == null ? json : json.put("distanceM", Math.round(distanceM * 100) / 100.0);
  }
}
