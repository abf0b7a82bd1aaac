package cn.citygrid.backend.citizen;

import cn.citygrid.backend.http.JsonBody;
import cn.citygrid.backend.http.Text;
import cn.citygrid.geo.GeoException;
import cn.citygrid.geo.crs.Crs;
import cn.citygrid.geo.crs.CrsTransform;
import cn.citygrid.geo.crs.LonLat;
import io.vertx.core.json.JsonObject;

/**
 * A phone's position in a request: {@code location: {lon, lat, crs}} in degrees; {@code crs} names the system
 * (CGCS2000 by default; WGS84, GCJ02 — what Gaode and Tencent map SDKs report —, BD09 or an EPSG code), and
 * the point is converted to CGCS2000, the system we store (docs/gis.md).
 */
final class Locations {
  private Locations() {}

  /** {@code [lon, lat]} in CGCS2000, or null when absent or invalid (then {@code body} holds the error). */
  static double[] optional(JsonBody body, JsonObject json) {
    Object value = json.getValue("location");
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject at) || !(at.getValue("lon") instanceof Number lon)
        || !(at.getValue("lat") instanceof Number lat) || at.containsKey("crs") && !(at.getValue("crs") instanceof String)) {
      body.error("location", "type", Text.of("应为 {lon, lat, crs} （经纬度为数值）", "Must be {lon, lat, crs} with numeric lon and lat"));
      return null;
    }
    if (Math.abs(lon.doubleValue()) > 180 || Math.abs(lat.doubleValue()) > 90) {
      body.error("location", "range", Text.of("经纬度超出范围", "Longitude or latitude out of range"));
      return null;
    }
    Crs crs;
    try {
      crs = Crs.parse(at.getString("crs"));
    } catch (GeoException unknown) {
      body.error("location/crs", "crs-unknown", Text.of(unknown.zhMessage(), unknown.enMessage()));
      return null;
    }
    LonLat stored = CrsTransform.transform(lon.doubleValue(), lat.doubleValue(), crs, Crs.CGCS2000);
    return new double[] {stored.lon(), stored.lat()};
  }
}
