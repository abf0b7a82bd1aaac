package cn.citygrid.backend;

import cn.citygrid.backend.access.PlatformDevice;
import cn.citygrid.backend.auth.AuthService;
import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.db.Database;
import cn.citygrid.backend.db.Migrations;
import cn.citygrid.backend.db.OrmWarmup;
import cn.citygrid.backend.geo.GeoModule;
import cn.citygrid.backend.geo.StatsDay;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.ledger.AuditSchedule;
import cn.citygrid.backend.ledger.LedgerAppender;
import cn.citygrid.backend.ledger.LedgerAudit;
import cn.citygrid.backend.ledger.PlatformKeyLoader;
import cn.citygrid.backend.ledger.PlatformKeys;
import cn.citygrid.backend.metrics.Metrics;
import cn.citygrid.backend.witness.WitnessServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The running backend: migrations applied, Vert.x with metrics, the database clients, the services
 * and one HTTP verticle per event loop. {@link #start} blocks until it serves; {@link #close} stops it.
 */
public final class App implements AutoCloseable {
  private final Vertx vertx;
  private final Database database;
  private final Wiring wiring;
  private final List<HttpVerticle> verticles;
  private final WitnessServer witness;

  private App(Vertx vertx, Database database, Wiring wiring, List<HttpVerticle> verticles, WitnessServer witness) {
    this.vertx = vertx;
    this.database = database;
    this.wiring = wiring;
    this.verticles = verticles;
    this.witness = witness;
  }

  public static App start(GridConfig config) throws Exception {
    return start(config, new VertxOptions());
  }

  public static App start(GridConfig config, VertxOptions options) throws Exception {
    return start(config, options, Clock.systemUTC());
  }

  /** With the clock that decides token expiry, lockouts and receive times (tests move it). */
  public static App start(GridConfig config, VertxOptions options, Clock clock) throws Exception {
    Migrations.migrate(config.db());
    String schemaVersion = Migrations.latestVersion(config.db());
    OrmWarmup.once(config.db());
    Metrics metrics = new Metrics();
    Vertx vertx = Vertx.vertx(metrics.apply(options));
    Database database = Database.open(vertx, config.db());
    PlatformKeys keys = PlatformKeyLoader.load(vertx, database.pool(), config.dataKeys().keyRing(),
        config.ledger().origin(), clock.instant());
    long systemAccount = await(PlatformDevice.ensure(database.pool(), keys, clock.instant()));
    Wiring wiring = Wiring.build(vertx, config, database, metrics, schemaVersion, keys, systemAccount, clock, openApi());
    WitnessServer witness = config.ledger().witnessPort() == 0 ? null : await(WitnessServer.start(vertx,
        database.pool(), config.dataKeys().keyRing(), vertx.createSharedWorkerExecutor("citygrid-crypto", config.workerPoolSize()),
        config.ledger().witnessName(), keys.log().verifier(), config.http().host(), config.ledger().witnessPort(), clock));
    List<HttpVerticle> verticles = new ArrayList<>();
    await(vertx.deployVerticle(() -> {
      HttpVerticle v = new HttpVerticle(wiring);
      synchronized (verticles) {
        verticles.add(v);
      }
      return v;
    }, new DeploymentOptions().setInstances(config.http().instances())));
    await(wiring.geo().start());
    wiring.appender().start();
    AuditSchedule.start(vertx, wiring.audit(), wiring.appender(), config.ledger().auditInterval(), metrics.registry());
    StatsDay.start(vertx, database.pool(), wiring.appender(), clock);
    return new App(vertx, database, wiring, verticles, witness);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
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

  /** The in-process witness's port, or -1 when none runs. */
  public int witnessPort() {
    return witness == null ? -1 : witness.port();
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

  public LedgerAppender appender() {
    return wiring.appender();
  }

  public cn.citygrid.backend.ledger.WitnessClient witnesses() {
    return wiring.witnesses();
  }

  public GridModule grid() {
    return wiring.grid();
  }

  public cn.citygrid.backend.sync.SyncModule sync() {
    return wiring.sync();
  }

  public GeoModule geo() {
    return wiring.geo();
  }

  public LedgerAudit audit() {
    return wiring.audit();
  }

  /** Every declared {@code /api/v1} route, in mount order. */
  public List<ApiRoute> routes() {
    return wiring.routes();
  }

  @Override
  public void close() throws Exception {
    wiring.sync().projector().stop();
    await(wiring.appender().stop());
    wiring.sync().close();
    await(wiring.geo().stop());
    database.close();
    await(vertx.close());
  }
}
