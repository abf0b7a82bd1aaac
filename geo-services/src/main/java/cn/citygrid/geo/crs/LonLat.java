package cn.citygrid.geo.crs;

/** A longitude/latitude pair in degrees, in whatever {@link Crs} the caller says. */
public record LonLat(double lon, double lat) {
  /** Distance in metres to {@code other} on a sphere of the WGS84 mean radius (haversine); for error figures. */
  public double metresTo(LonLat other) {
    double r = 6_371_008.8;
    double p1 = Math.toRadians(lat);
    double p2 = Math.toRadians(other.lat);
    double dp = p2 - p1;
    double dl = Math.toRadians(other.lon - lon);
    double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
  }
}
