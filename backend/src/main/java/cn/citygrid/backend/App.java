package cn.citygrid.backend;

import cn.citygrid.backend.auth.AccountRepository;
import cn.citygrid.backend.auth.AuthRoutes;
import cn.citygrid.backend.auth.AuthService;
import cn.citygrid.backend.auth.SessionRepository;
import cn.citygrid.backend.auth.UserRoutes;
import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.db.Database;
import cn.citygrid.backend.db.Migrations;
import cn.citygrid.backend.health.HealthRoutes;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.metrics.Metrics;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The running backend: migrations applied, Vert.x with metrics, the database clients, the services
 * and one HTTP verticle per event loop. {@link #start} blocks until it serves; {@link #close} stops it.
 */
public final class App implements AutoCloseable {
  private final Vertx vertx;
  private final Database database;
  private final Wiring wiring;
  private final List<HttpVerticle> verticles;

  private App(Vertx vertx, Database database, Wiring wiring, List<HttpVerticle> verticles) {
    this.vertx = vertx;
    this.database = database;
    this.wiring = wiring;
    this.verticles = verticles;
  }

  public static App start(GridConfig config) throws Exception {
    return start(config, new VertxOptions());
  }

  public static App start(GridConfig config, VertxOptions options) throws Exception {
    return start(config, options, Clock.systemUTC());
  }

  /** With the clock that decides token expiry and lockouts (tests move it). */
  public static App start(GridConfig config, VertxOptions options, Clock clock) throws Exception {
    Migrations.migrate(config.db());
    String schemaVersion = Migrations.latestVersion(config.db());
    Metrics metrics = new Metrics();
    Vertx vertx = Vertx.vertx(metrics.apply(options));
    Database database = Database.open(vertx, config.db());
    Wiring wiring = wire(vertx, config, database, metrics, schemaVersion, clock);
    List<HttpVerticle> verticles = new ArrayList<>();
    vertx.deployVerticle(() -> {
          HttpVerticle v = new HttpVerticle(wiring);
          synchronized (verticles) {
            verticles.add(v);
          }
          return v;
        }, new DeploymentOptions().setInstances(config.http().instances()))
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return new App(vertx, database, wiring, verticles);
  }

  private static Wiring wire(Vertx vertx, GridConfig config, Database database, Metrics metrics, String schemaVersion,
      Clock clock) throws IOException {
    WorkerExecutor crypto = vertx.createSharedWorkerExecutor("citygrid-crypto", config.workerPoolSize());
    AccountRepository accounts = new AccountRepository(database);
    AuthService auth = new AuthService(vertx, crypto, config.auth(), config.demoMode(), accounts,
        new SessionRepository(database), clock);
    List<ApiRoute> routes = Stream.of(
            new AuthRoutes(auth).routes(),
            new UserRoutes(auth, accounts, database.pool()).routes())
        .flatMap(List::stream).toList();
    return new Wiring(config, metrics, new HealthRoutes(database.pool(), schemaVersion), auth, routes, openApi());
  }

  private static Buffer openApi() throws IOException {
    try (InputStream in = App.class.getResourceAsStream("/openapi.yaml")) {
      if (in == null) {
        throw new IOException("openapi.yaml missing from the classpath");
      }
      return Buffer.buffer(in.readAllBytes());
    }
  }

  public int port() {
    return verticles.get(0).actualPort();
  }

  public Vertx vertx() {
    return vertx;
  }

  public Database database() {
    return database;
  }

  public AuthService auth() {
    return wiring.auth();
  }

  /** Every declared {@code /api/v1} route, in mount order. */
  public List<ApiRoute> routes() {
    return wiring.routes();
  }

  @Override
  public void close() throws Exception {
    database.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
