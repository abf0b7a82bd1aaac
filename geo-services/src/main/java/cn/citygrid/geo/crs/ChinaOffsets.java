package cn.citygrid.geo.crs;

/**
 * The GCJ-02 ("Mars") and BD-09 (Baidu) obfuscations as widely published (e.g. the npm package
 * coordtransform, which the tests cross-check against). GCJ-02 is WGS84 plus a smooth,
 * position-dependent offset of a few hundred metres on the Krasovsky ellipsoid constants;
 * BD-09 is GCJ-02 plus a further rotation/shift. Neither forward formula has a closed-form
 * inverse: GCJ-02 → WGS84 is inverted here by fixed-point iteration to below 1e-9° (about 0.1 mm);
 * BD-09 → GCJ-02 uses the published approximate inverse (error measured by the tests).
 *
 * <p>Outside China (a bounding box, not the border: 73.66–135.05 E, 3.86–53.55 N, the box the
 * published formulas use) coordinates are not offset, so every conversion is the identity there.
 */
public final class ChinaOffsets {
  private static final double A = 6378245.0;               // Krasovsky 1940 semi-major axis
  private static final double EE = 0.00669342162296594323; // its first eccentricity squared
  private static final double X_PI = Math.PI * 3000.0 / 180.0;
  private static final double INVERSE_TOLERANCE_DEG = 1e-9;
  private static final int INVERSE_MAX_ITERATIONS = 30;

  private ChinaOffsets() {}

  /** True outside the box where Chinese map providers apply the offset. */
  public static boolean outOfChina(double lon, double lat) {
    return !(lon > 73.66 && lon < 135.05 && lat > 3.86 && lat < 53.55);
  }

  public static LonLat wgs84ToGcj02(double lon, double lat) {
    if (outOfChina(lon, lat)) {
      return new LonLat(lon, lat);
    }
    double dLat = offsetLat(lon - 105.0, lat - 35.0);
    double dLon = offsetLon(lon - 105.0, lat - 35.0);
    double radLat = Math.toRadians(lat);
    double magic = 1 - EE * Math.sin(radLat) * Math.sin(radLat);
    double sqrtMagic = Math.sqrt(magic);
    dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
    dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
    return new LonLat(lon + dLon, lat + dLat);
  }

  /**
   * The WGS84 point whose GCJ-02 image is (lon, lat): start at the GCJ-02 point and move by the
   * residual until it is below 1e-9°. The offset field is smooth and its gradient small, so this
   * converges in 2–4 steps everywhere in the box.
   */
  public static LonLat gcj02ToWgs84(double lon, double lat) {
    if (outOfChina(lon, lat)) {
      return new LonLat(lon, lat);
    }
    double wLon = lon;
    double wLat = lat;
    for (int i = 0; i < INVERSE_MAX_ITERATIONS; i++) {
      LonLat g = wgs84ToGcj02(wLon, wLat);
      double eLon = lon - g.lon();
      double eLat = lat - g.lat();
      wLon += eLon;
      wLat += eLat;
      if (Math.abs(eLon) < INVERSE_TOLERANCE_DEG && Math.abs(eLat) < INVERSE_TOLERANCE_DEG) {
        break;
      }
    }
    return new LonLat(wLon, wLat);
  }

  public static LonLat gcj02ToBd09(double lon, double lat) {
    if (outOfChina(lon, lat)) {
      return new LonLat(lon, lat);
    }
    double z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
    double theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
    return new LonLat(z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006);
  }

  /** The published approximate inverse of {@link #gcj02ToBd09}. */
  public static LonLat bd09ToGcj02(double lon, double lat) {
    if (outOfChina(lon, lat)) {
      return new LonLat(lon, lat);
    }
    double x = lon - 0.0065;
    double y = lat - 0.006;
    double z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
    double theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
    return new LonLat(z * Math.cos(theta), z * Math.sin(theta));
  }

  private static double offsetLat(double x, double y) {
    double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
    r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
    r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
    return r;
  }

  private static double offsetLon(double x, double y) {
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
    r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
    r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
    return r;
  }
}
