package cn.citygrid.geo.tiles;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * How tiles are served.
 *
 * @param basePath      path the tile routes are mounted under, relative to the router (e.g. {@code /tiles})
 * @param publicUrl     absolute URL of the router as clients reach it (e.g. {@code https://grid.example/api/v1}),
 *                      for TileJSON and style URLs; null: taken from each request's scheme and host
 * @param maxAgeSeconds {@code Cache-Control: private, max-age}; 0 means {@code private, no-cache}
 *                      (clients revalidate every time and get 304 while the tile is unchanged)
 * @param cacheBytes    server-side tile cache bound in bytes (compressed tiles)
 * @param bounds        lon/lat bounds advertised in TileJSON: west, south, east, north
 * @param serverCompression whether the HTTP server compresses responses itself
 *                      ({@code HttpServerOptions.setCompressionSupported}): over HTTP/2 its compressor
 *                      would gzip the stored gzip again, so there the raw tile is sent for it to compress
 */
public record TileConfig(String basePath, String publicUrl, int maxAgeSeconds, long cacheBytes, double[] bounds,
    boolean serverCompression) {
  public static final double[] WORLD = {-180, -85.051129, 180, 85.051129};

  public TileConfig {
    if (!basePath.startsWith("/") || basePath.endsWith("/")) {
      throw new IllegalArgumentException("basePath starts with / and does not end with one: " + basePath);
    }
    if (maxAgeSeconds < 0 || cacheBytes < 0 || bounds.length != 4) {
      throw new IllegalArgumentException("maxAgeSeconds and cacheBytes are ≥ 0 and bounds has 4 numbers");
    }
    publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.replaceAll("/+$", "");
    bounds = bounds.clone();
  }

  /** For a server without its own compression. */
  public TileConfig(String basePath, String publicUrl, int maxAgeSeconds, long cacheBytes, double[] bounds) {
    this(basePath, publicUrl, maxAgeSeconds, cacheBytes, bounds, false);
  }

  public static TileConfig defaults() {
    return new TileConfig("/tiles", null, 0, 64L << 20, WORLD);
  }

  /** Keys: basePath, publicUrl, maxAgeSeconds, cacheBytes, bounds ([w, s, e, n]); missing keys keep the defaults. */
  public static TileConfig from(JsonObject json) {
    TileConfig d = defaults();
    JsonArray b = json.getJsonArray("bounds");
    double[] bounds = b == null ? d.bounds : new double[] {b.getDouble(0), b.getDouble(1), b.getDouble(2), b.getDouble(3)};
    return new TileConfig(json.getString("basePath", d.basePath), json.getString("publicUrl"),
        json.getInteger("maxAgeSeconds", d.maxAgeSeconds), json.getLong("cacheBytes", d.cacheBytes), bounds);
  }

  @Override
  public double[] bounds() {
    return bounds.clone();
  }

  String cacheControl() {
    return maxAgeSeconds == 0 ? "private, no-cache" : "private, max-age=" + maxAgeSeconds;
  }
}
