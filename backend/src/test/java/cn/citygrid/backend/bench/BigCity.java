package cn.citygrid.backend.bench;

import cn.citygrid.backend.auth.PasswordHasher;
import cn.citygrid.backend.config.DbConfig;
import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.db.Migrations;
import cn.citygrid.backend.demo.DemoCity;
import cn.citygrid.backend.testing.TestApp;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The demo city with N persons in its own database ({@code bench_grid_<N>}), built once and kept
 * between runs (building a million persons takes a minute and a half); rebuilt when it is missing,
 * smaller, or sealed under other data keys than this checkout's.
 */
final class BigCity {
  private BigCity() {}

  static void ensure(DbConfig template, GridConfig config, int persons) throws Exception {
    if (ready(config, persons)) {
      Migrations.migrate(config.db());
      return;
    }
    DbConfig db = config.db();
    System.out.printf("building a %,d-person demo city (once; kept in database %s)…%n", persons, db.database());
    recreate(db, template.database());
    Migrations.migrate(db);
    String hash = new PasswordHasher(TestApp.TEST_ARGON2_KIB, 1).hash(GridBench.PASSWORD);
    DemoCity.Summary city = DemoCity.build(db, config.dataKeys(), hash, persons, 7);
    System.out.printf("built %,d persons, %,d houses, %,d enterprises in %d s%n", city.persons(), city.houses(),
        city.enterprises(), city.seconds());
  }

  /** Drops {@code db} and creates it again as a copy of {@code from} (a file copy: fast for big databases). */
  static void recreate(DbConfig db, String from) throws SQLException {
    drop(db);
    try (Connection admin = admin(db); Statement s = admin.createStatement()) {
      s.execute("CREATE DATABASE " + db.database() + " TEMPLATE " + from + " STRATEGY FILE_COPY");
    }
  }

  static void drop(DbConfig db) throws SQLException {
    try (Connection admin = admin(db); Statement s = admin.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + db.database() + " WITH (FORCE)");
    }
  }

  private static Connection admin(DbConfig db) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + db.host() + ":" + db.port() + "/postgres", db.user(), db.password());
  }

  private static boolean ready(GridConfig config, int persons) {
    DbConfig db = config.db();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("""
             SELECT (SELECT count(*) FROM grid.person WHERE merged_into IS NULL),
                    (SELECT id_number_enc FROM grid.person WHERE id_number_enc IS NOT NULL LIMIT 1)""")) {
      if (!rs.next() || rs.getLong(1) < persons) {
        return false;
      }
      config.dataKeys().keyRing().open(rs.getBytes(2), "grid.person.id_number".getBytes(StandardCharsets.UTF_8));
      return true;
    } catch (Exception missingOrSealedUnderOtherKeys) {
      return false;
    }
  }
}
