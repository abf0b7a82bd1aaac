package cn.citygrid.geo.tiles;

import cn.citygrid.geo.GeoException;
import io.vertx.core.json.JsonObject;
import org.locationtech.jts.geom.Envelope;

/** A tile of the Web Mercator (EPSG:3857) XYZ scheme: z ≥ 0, 0 ≤ x, y < 2^z, y counted from the north. */
public record TileCoord(int z, int x, int y) {
  public static final int MAX_ZOOM = 24;

  public TileCoord {
    if (z < 0 || z > MAX_ZOOM || x < 0 || y < 0 || x >= 1L << z || y >= 1L << z) {
      throw outOfRange(z + "/" + x + "/" + y);
    }
  }

  /** Parses path segments; anything but an in-range tile is INVALID {@code tile-out-of-range}. */
  public static TileCoord parse(String z, String x, String y) {
    try {
      return new TileCoord(Integer.parseInt(z), Integer.parseInt(x), Integer.parseInt(y));
    } catch (NumberFormatException e) {
      throw outOfRange(z + "/" + x + "/" + y);
    }
  }

  /**
   * The tile's bounds in longitude/latitude (CGCS2000 ≈ WGS84), widened on every side by
   * {@code margin} tile widths. Mercator's x is linear in longitude and y monotonic in latitude,
   * so this rectangle is exactly the transformed tile rectangle.
   */
  public Envelope lonLatBounds(double margin) {
    double n = 1L << z;
    double west = (x - margin) / n * 360.0 - 180.0;
    double east = (x + 1 + margin) / n * 360.0 - 180.0;
    return new Envelope(west, east, latitude((y + 1 + margin) / n), latitude((y - margin) / n));
  }

  private static double latitude(double yFraction) {
    return Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * yFraction))));
  }

  /** The tile at zoom {@code z} containing lon/lat (clamped to the Mercator latitude range). */
  public static TileCoord containing(double lon, double lat, int z) {
    double n = 1L << z;
    double clampedLat = Math.max(-85.05112878, Math.min(85.05112878, lat));
    int x = (int) Math.floor((lon + 180.0) / 360.0 * n);
    double rad = Math.toRadians(clampedLat);
    int y = (int) Math.floor((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2 * n);
    int max = (int) n - 1;
    return new TileCoord(z, Math.max(0, Math.min(max, x)), Math.max(0, Math.min(max, y)));
  }

  @Override
  public String toString() {
    return z + "/" + x + "/" + y;
  }

  private static GeoException outOfRange(String tile) {
    return GeoException.invalid("tile-out-of-range", "瓦片坐标无效：" + tile,
        "not a tile of the XYZ scheme (0 ≤ z ≤ " + MAX_ZOOM + ", 0 ≤ x, y < 2^z): " + tile,
        new JsonObject().put("tile", tile));
  }
}
