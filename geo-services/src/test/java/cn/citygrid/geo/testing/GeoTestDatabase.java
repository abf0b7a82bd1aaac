package cn.citygrid.geo.testing;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * A database of its own for one test class: cloned from the PostGIS template ({@code GRID_TEST_DB_URL},
 * password {@code GRID_DB_PASSWORD}), migrated with the backend's Flyway migrations (from the
 * filesystem, which include the statistics and tile-notification triggers this module relies on),
 * dropped on close.
 */
public final class GeoTestDatabase implements AutoCloseable {
  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final String name;

  private GeoTestDatabase(String host, int port, String user, String password, String name) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.name = name;
  }

  public static GeoTestDatabase create(Class<?> owner) {
    String url = System.getenv("GRID_TEST_DB_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("GRID_TEST_DB_URL is not set: `source /work/grid-test-env.sh` or run through ./grid test");
    }
    URI uri = URI.create(url);
    String[] userInfo = uri.getUserInfo() == null ? new String[] {"citygrid"} : uri.getUserInfo().split(":", 2);
    String password = userInfo.length > 1 ? userInfo[1] : System.getenv().getOrDefault("GRID_DB_PASSWORD", "");
    String template = uri.getPath().substring(1);
    String name = "t_" + owner.getSimpleName().toLowerCase(Locale.ROOT) + "_" + UUID.randomUUID().toString().substring(0, 8);
    GeoTestDatabase db = new GeoTestDatabase(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(), userInfo[0], password, name);
    db.admin("CREATE DATABASE " + name + " TEMPLATE " + template);
    db.migrate();
    return db;
  }

  /**
   * A fresh copy of this database (e.g. migrated and seeded once per class, copied per test, so
   * tests that write never see each other). This database must have no open connections.
   */
  public GeoTestDatabase copy() {
    String copy = name + "_" + UUID.randomUUID().toString().substring(0, 6);
    admin("CREATE DATABASE " + copy + " TEMPLATE " + name);
    return new GeoTestDatabase(host, port, user, password, copy);
  }

  private void migrate() {
    Path backend = Path.of(System.getProperty("geo.backendMigrations", "../backend/src/main/resources/db/migration"));
    if (!Files.isDirectory(backend)) {
      throw new IllegalStateException("backend migrations not found at " + backend.toAbsolutePath());
    }
    Flyway.configure().dataSource(jdbcUrl(), user, password)
        .locations("filesystem:" + backend.toAbsolutePath())
        .defaultSchema("public").createSchemas(true).load().migrate();
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + name;
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions().setHost(host).setPort(port).setDatabase(name).setUser(user).setPassword(password)
        .setCachePreparedStatements(true);
  }

  public Pool pool(Vertx vertx, int size) {
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(size)).connectingTo(connectOptions()).using(vertx).build();
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), user, password);
  }

  /** Runs SQL over JDBC (fixtures, test thread only). */
  public void execute(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private void admin(String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", user, password);
         Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run `" + sql + "`: " + e.getMessage(), e);
    }
  }

  /**
   * Drops the database. Plain DROP first: PostgreSQL itself stops an autovacuum worker busy in it,
   * whereas WITH (FORCE) would fail trying to terminate that superuser process; FORCE only when
   * one of our own sessions is still connected (SQLSTATE 55006).
   */
  @Override
  public void close() {
    try {
      admin("DROP DATABASE IF EXISTS " + name);
    } catch (IllegalStateException e) {
      if (!(e.getCause() instanceof SQLException sql && "55006".equals(sql.getSQLState()))) {
        throw e;
      }
      admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
