package cn.citygrid.backend.citizen;

import cn.citygrid.backend.http.JsonBody;
import cn.citygrid.backend.http.Text;
import io.vertx.core.json.JsonObject;

/** A phone's position in a request: {@code location: {lon, lat}} in degrees (CGCS2000, which GPS fixes are close to). */
final class Locations {
  private Locations() {}

  /** {@code [lon, lat]}, or null when absent or invalid (then {@code body} holds the error). */
  static double[] optional(JsonBody body, JsonObject json) {
    Object value = json.getValue("location");
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject at) || !(at.getValue("lon") instanceof Number lon)
        || !(at.getValue("lat") instanceof Number lat)) {
      body.error("location", "type", Text.of("应为 {lon, lat} 数值", "Must be {lon, lat} numbers"));
      return null;
    }
    if (Math.abs(lon.doubleValue()) > 180 || Math.abs(lat.doubleValue()) > 90) {
      body.error("location", "range", Text.of("经纬度超出范围", "Longitude or latitude out of range"));
      return null;
    }
    return new double[] {lon.doubleValue(), lat.doubleValue()};
  }
}
