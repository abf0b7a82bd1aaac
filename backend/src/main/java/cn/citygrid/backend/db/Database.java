package cn.citygrid.backend.db;

import cn.citygrid.backend.auth.Account;
import cn.citygrid.backend.auth.AuthSession;
import cn.citygrid.backend.device.Device;
import cn.citygrid.backend.config.DbConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.reactive.provider.ReactiveServiceRegistryBuilder;
import org.hibernate.reactive.stage.Stage;
import org.hibernate.reactive.vertx.VertxInstance;

/**
 * The two ways we talk to PostgreSQL, sharing the application's Vert.x: Hibernate Reactive for
 * entities (its {@code Stage} API converted to {@link Future} here and nowhere else) and the
 * Vert.x PostgreSQL client for spatial, bulk and streaming SQL.
 */
public final class Database implements AutoCloseable {
  static final List<Class<?>> ENTITIES = List.of(Account.class, AuthSession.class, Device.class);

  private final Pool pool;
  private final Stage.SessionFactory orm;

  private Database(Pool pool, Stage.SessionFactory orm) {
    this.pool = pool;
    this.orm = orm;
  }

  /** Builds both clients. Blocking (Hibernate bootstrap): call before deploying verticles or on a worker. */
  public static Database open(Vertx vertx, DbConfig db) {
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(db.poolSize()).setName("citygrid-pg").setShared(true))
        .connectingTo(connectOptions(db))
        .using(vertx)
        .build();
    return new Database(pool, sessionFactory(vertx, db));
  }

  public static PgConnectOptions connectOptions(DbConfig db) {
    return new PgConnectOptions()
        .setHost(db.host()).setPort(db.port()).setDatabase(db.database())
        .setUser(db.user()).setPassword(db.password())
        // Portrait and graph statements run to several kB; the default limit (2,048 characters)
        // would leave them uncached, parsed and planned again on every execution.
        .setCachePreparedStatements(true).setPreparedStatementCacheSqlLimit(64 * 1024)
        .setPipeliningLimit(256);
  }

  private static Stage.SessionFactory sessionFactory(Vertx vertx, DbConfig db) {
    Configuration configuration = new Configuration();
    ENTITIES.forEach(configuration::addAnnotatedClass);
    Properties p = new Properties();
    p.put(AvailableSettings.JAKARTA_JDBC_URL, db.jdbcUrl());
    p.put(AvailableSettings.JAKARTA_JDBC_USER, db.user());
    p.put(AvailableSettings.JAKARTA_JDBC_PASSWORD, db.password());
    p.put(AvailableSettings.POOL_SIZE, String.valueOf(db.ormPoolSize()));
    p.put(AvailableSettings.HBM2DDL_AUTO, "none");
    p.put(AvailableSettings.SHOW_SQL, "false");
    configuration.setProperties(p);
    StandardServiceRegistry registry = new ReactiveServiceRegistryBuilder()
        .applySettings(configuration.getProperties())
        .addService(VertxInstance.class, (VertxInstance) () -> vertx)
        .build();
    return configuration.buildSessionFactory(registry).unwrap(Stage.SessionFactory.class);
  }

  public Pool pool() {
    return pool;
  }

  /** Runs {@code work} in one Hibernate Reactive transaction. */
  public <T> Future<T> inTransaction(Function<Stage.Session, CompletionStage<T>> work) {
    return unwrapped(Future.fromCompletionStage(orm.withTransaction((session, tx) -> work.apply(session))));
  }

  /** Runs {@code work} in one Hibernate Reactive session without an explicit transaction. */
  public <T> Future<T> inSession(Function<Stage.Session, CompletionStage<T>> work) {
    return unwrapped(Future.fromCompletionStage(orm.withSession(work::apply)));
  }

  /** CompletionStages wrap what was thrown in them; callers should see the exception itself. */
  private static <T> Future<T> unwrapped(Future<T> future) {
    return future.recover(failure -> Future.failedFuture(
        failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
            ? failure.getCause() : failure));
  }

  @Override
  public void close() {
    orm.close();
    pool.close();
  }
}
