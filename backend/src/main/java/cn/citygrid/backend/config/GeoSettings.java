package cn.citygrid.backend.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Vector tiles and GeoServer publishing.
 *
 * @param tileCacheBytes    memory per node for encoded tiles; 0 caches nothing
 * @param tileMaxAgeSeconds {@code Cache-Control: private, max-age}; 0 means {@code private, no-cache}
 * @param publicUrl         scheme, host and path prefix clients use, or null for each request's own
 */
public record GeoSettings(long tileCacheBytes, int tileMaxAgeSeconds, String publicUrl, GeoServer geoServer) {

  /** Where GeoServer is and how it reaches our database; {@link #enabled()} only with a URL. */
  public record GeoServer(String url, String user, String password, String workspace, DbConfig db) {
    public boolean enabled() {
      return url != null;
    }

    @Override
    public String toString() { // never print passwords
      return "GeoServer[url=" + url + ", user=" + user + ", workspace=" + workspace + ", db=" + db + "]";
    }
  }

  static GeoSettings from(Settings s, DbConfig ownDb) {
    String publicUrl = httpUrl(s, ConfigKey.TILES_PUBLIC_URL);
    String workspace = s.string(ConfigKey.GEOSERVER_WORKSPACE).trim();
    if (!workspace.matches("[A-Za-z][A-Za-z0-9_-]{0,63}")) {
      throw s.invalid(ConfigKey.GEOSERVER_WORKSPACE, "a name of letters, digits, _ and -");
    }
    GeoServer geoServer = new GeoServer(httpUrl(s, ConfigKey.GEOSERVER_URL), s.string(ConfigKey.GEOSERVER_USER).trim(),
        s.string(ConfigKey.GEOSERVER_PASSWORD), workspace, geoServerDb(s, ownDb));
    return new GeoSettings(s.longValue(ConfigKey.TILES_CACHE_BYTES, 0, 64L << 30),
        s.integer(ConfigKey.TILES_MAX_AGE_SECONDS, 0, 31_536_000), publicUrl, geoServer);
  }

  /** An http(s) URL without a trailing slash, or null when the value is empty. */
  private static String httpUrl(Settings s, ConfigKey key) {
    String raw = s.string(key).trim().replaceAll("/+$", "");
    if (raw.isEmpty()) {
      return null;
    }
    if (!raw.matches("https?://[^/\\s?#]+(/[^\\s?#]*)?")) {
      throw s.invalid(key, "an http(s) URL such as https://grid.example.gov.cn");
    }
    return raw;
  }

  private static DbConfig geoServerDb(Settings s, DbConfig ownDb) {
    String raw = s.string(ConfigKey.GEOSERVER_DB_URL).trim();
    if (raw.isEmpty()) {
      return ownDb;
    }
    String expected = "a URL like postgresql://user:password@host:5432/database";
    try {
      URI uri = new URI(raw);
      String[] user = uri.getRawUserInfo() == null ? new String[0] : uri.getRawUserInfo().split(":", 2);
      if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null || uri.getPath() == null
          || uri.getPath().length() < 2 || user.length == 0) {
        throw s.invalid(ConfigKey.GEOSERVER_DB_URL, expected);
      }
      return new DbConfig(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(), uri.getPath().substring(1),
          decode(user[0]), user.length > 1 ? decode(user[1]) : "", ownDb.poolSize(), ownDb.ormPoolSize());
    } catch (URISyntaxException e) {
      throw s.invalid(ConfigKey.GEOSERVER_DB_URL, expected);
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
