package cn.citygrid.backend.db;

import cn.citygrid.backend.config.DbConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/** Flyway owns the schema. Blocking (JDBC): run it at start, before verticles, or on a worker. */
public final class Migrations {
  private Migrations() {}

  public static Flyway flyway(DbConfig db) {
    return Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations("classpath:db/migration")
        .defaultSchema("public")
        .createSchemas(true)
        .load();
  }

  public static MigrateResult migrate(DbConfig db) {
    return flyway(db).migrate();
  }

  /** The newest migration this build carries; {@code /health/ready} compares the database against it. */
  public static String latestVersion(DbConfig db) {
    MigrationVersion latest = MigrationVersion.EMPTY;
    for (var info : flyway(db).info().all()) {
      if (info.getVersion() != null && info.getVersion().compareTo(latest) > 0) {
        latest = info.getVersion();
      }
    }
    return latest.getVersion();
  }
}
