package cn.citygrid.geo.crs;

import cn.citygrid.geo.GeoException;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The coordinate systems the API speaks, all longitude/latitude in degrees. Storage is always
 * {@link #CGCS2000}. GCJ-02 and BD-09 have no EPSG code; they are obfuscated WGS84 (see docs/gis.md).
 */
public enum Crs {
  CGCS2000(4490, "CGCS2000", "EPSG:4490"),
  WGS84(4326, "WGS84", "EPSG:4326", "WGS-84", "WGS_84"),
  GCJ02(0, "GCJ02", "GCJ-02", "GCJ_02", "MARS"),
  BD09(0, "BD09", "BD-09", "BD_09", "BD09LL", "BAIDU");

  private final int epsg;
  private final List<String> names;

  Crs(int epsg, String... names) {
    this.epsg = epsg;
    this.names = List.of(names);
  }

  /** The EPSG code, or 0 for the Chinese obfuscated systems that have none. */
  public int epsg() {
    return epsg;
  }

  /** The name we write in outputs (e.g. {@code "crs": "GCJ02"}). */
  public String label() {
    return names.get(0);
  }

  /**
   * Parses a {@code crs} query parameter: a name (case-insensitive, with or without dash or
   * underscore), {@code EPSG:4490} / {@code 4490}, or an OGC URN/URL ending in the EPSG code.
   * A null or blank value means the default, CGCS2000.
   *
   * @throws GeoException (INVALID, {@code crs-unknown}) naming the value and the accepted ones
   */
  public static Crs parse(String value) {
    if (value == null || value.isBlank()) {
      return CGCS2000;
    }
    String v = value.trim().toUpperCase(Locale.ROOT);
    for (Crs crs : values()) {
      if (crs.names.contains(v) || crs.epsg != 0 && v.equals(String.valueOf(crs.epsg))) {
        return crs;
      }
      if (crs.epsg != 0 && isOgcName(v, crs.epsg)) {
        return crs;
      }
    }
    throw GeoException.invalid("crs-unknown",
        "不支持的坐标系：" + value + "（可用：" + accepted() + "）",
        "unknown coordinate system: " + value + " (accepted: " + accepted() + ")",
        new JsonObject().put("crs", value).put("accepted", accepted()));
  }

  /** e.g. {@code urn:ogc:def:crs:EPSG::4490} or {@code http://www.opengis.net/def/crs/EPSG/0/4490}. */
  private static boolean isOgcName(String v, int epsg) {
    return (v.startsWith("URN:OGC:DEF:CRS:EPSG:") || v.startsWith("HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/"))
        && (v.endsWith(":" + epsg) || v.endsWith("/" + epsg));
  }

  private static String accepted() {
    return String.join(", ", Arrays.stream(values()).map(c -> c.epsg == 0 ? c.label() : c.label() + " (EPSG:" + c.epsg + ")").toList());
  }
}
