package cn.citygrid.backend.testing;

import cn.citygrid.backend.config.DbConfig;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A database of its own for one test class, cloned from the PostGIS template that {@code ./grid}
 * prepares ({@code GRID_TEST_DB_URL}) on the real PostgreSQL server, and dropped afterwards.
 */
public final class TestDatabase implements AutoCloseable {
  private final DbConfig config;
  /** The data keys of this database: every app and seeder on it must use the same ones. */
  private final String dataKey = randomKey(16);
  private final String indexKey = randomKey(32);

  private TestDatabase(DbConfig config) {
    this.config = config;
  }

  public String dataKeys() {
    return "t1:" + dataKey;
  }

  public String indexKey() {
    return indexKey;
  }

  private static String randomKey(int bytes) {
    byte[] key = new byte[bytes];
    new java.security.SecureRandom().nextBytes(key);
    return java.util.Base64.getEncoder().encodeToString(key);
  }

  public static TestDatabase create(Class<?> owner) {
    DbConfig template = template();
    String name = "t_" + owner.getSimpleName().toLowerCase(Locale.ROOT) + "_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection c = admin(template); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " TEMPLATE " + template.database());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name + " from " + template + ": " + e.getMessage(), e);
    }
    return new TestDatabase(template.withDatabase(name));
  }

  public DbConfig config() {
    return config;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
  }

  /** Runs SQL over its own JDBC connection (fixtures and checks, test thread only). */
  public void execute(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage() + " in: " + sql, e);
    }
  }

  /** Every row of a query, each as its column values in order. */
  public java.util.List<Object[]> rows(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
      java.util.List<Object[]> out = new java.util.ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Object[] row = new Object[columns];
        for (int i = 0; i < columns; i++) {
          row[i] = rs.getObject(i + 1);
        }
        out.add(row);
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage() + " in: " + sql, e);
    }
  }

  /**
   * The first column of the first row as PostgreSQL writes it as text ({@code t}/{@code f} for booleans),
   * or null when there is no row or the value is null.
   */
  public String scalar(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage() + " in: " + sql, e);
    }
  }

  /**
   * Drops the database. A plain DROP first: PostgreSQL then stops an autovacuum worker by itself,
   * whereas FORCE is refused to a non-superuser when one is active; FORCE only for our own leftovers.
   */
  @Override
  public void close() throws SQLException {
    try (Connection c = admin(config); Statement s = c.createStatement()) {
      try {
        s.execute("DROP DATABASE IF EXISTS " + config.database());
      } catch (SQLException stillInUse) {
        s.execute("DROP DATABASE IF EXISTS " + config.database() + " WITH (FORCE)");
      }
    }
  }

  /** The template from {@code GRID_TEST_DB_URL}; the password from {@code GRID_DB_PASSWORD}. */
  public static DbConfig template() {
    String url = System.getenv("GRID_TEST_DB_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("GRID_TEST_DB_URL is not set: run the tests through ./grid test, "
          + "which starts PostgreSQL and prepares the template database");
    }
    URI uri = URI.create(url);
    String[] user = uri.getUserInfo() == null ? new String[] {"citygrid"} : uri.getUserInfo().split(":", 2);
    String password = user.length > 1 ? user[1] : System.getenv().getOrDefault("GRID_DB_PASSWORD", "");
    return new DbConfig(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(), uri.getPath().substring(1),
        user[0], password, 8, 4);
  }

  private static Connection admin(DbConfig db) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + db.host() + ":" + db.port() + "/postgres", db.user(), db.password());
  }
}
