package cn.citygrid.geo.gridtools;

import io.vertx.core.json.JsonObject;
import org.locationtech.jts.geom.Geometry;

/**
 * One validation finding: an ERROR blocks an import, a WARNING does not. {@code geometry} shows
 * where (the invalid spot, the overlap, the gap) in CGCS2000 lon/lat; {@code gridCode} names the
 * grid (or the community, for gaps).
 *
 * @param kind out-of-scope, geometry-invalid, code-invalid, code-duplicate, community-unknown, outside-community, overlap, gap
 */
public record Finding(Severity severity, String kind, String gridCode, String zh, String en, Geometry geometry, double areaM2) {
  public enum Severity { ERROR, WARNING }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("severity", severity.name()).put("kind", kind).put("code", gridCode)
        .put("message", new JsonObject().put("zh", zh).put("en", en));
    if (areaM2 > 0) {
      json.put("areaM2", Math.round(areaM2 * 10) / 10.0);
    }
    return geometry == null ? json : json.put("geometry", GeoJson.write(geometry));
  }
}
