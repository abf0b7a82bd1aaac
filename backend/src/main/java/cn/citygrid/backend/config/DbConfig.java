package cn.citygrid.backend.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Where PostgreSQL is. Parsed from {@code db.url}; {@code db.user}/{@code db.password} override the URL's. */
public record DbConfig(String host, int port, String database, String user, String password,
    int poolSize, int ormPoolSize) {

  static DbConfig from(Settings s) {
    URI uri = parse(s);
    String[] userInfo = uri.getRawUserInfo() == null ? new String[0] : uri.getRawUserInfo().split(":", 2);
    String user = s.string(ConfigKey.DB_USER);
    if (user.isBlank() && userInfo.length > 0) {
      user = decode(userInfo[0]);
    }
    String password = s.string(ConfigKey.DB_PASSWORD);
    if (password.isEmpty() && userInfo.length > 1) {
      password = decode(userInfo[1]);
    }
    if (user.isBlank()) {
      throw s.invalid(ConfigKey.DB_URL, "a user in the URL (postgresql://user@host/db) or " + ConfigKey.DB_USER.envName());
    }
    return new DbConfig(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(),
        uri.getPath().substring(1), user, password,
        s.integer(ConfigKey.DB_POOL_SIZE, 1, 512),
        s.integer(ConfigKey.DB_ORM_POOL_SIZE, 1, 512));
  }

  private static URI parse(Settings s) {
    String expected = "a URL like postgresql://user:password@host:5432/database";
    try {
      URI uri = new URI(s.string(ConfigKey.DB_URL).trim());
      boolean scheme = "postgresql".equals(uri.getScheme()) || "postgres".equals(uri.getScheme());
      if (!scheme || uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
        throw s.invalid(ConfigKey.DB_URL, expected);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw s.invalid(ConfigKey.DB_URL, expected);
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** The same server, another database (tests give each class its own). */
  public DbConfig withDatabase(String name) {
    return new DbConfig(host, port, name, user, password, poolSize, ormPoolSize);
  }

  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }
}
