package cn.citygrid.backend;

import cn.citygrid.backend.auth.AccountRepository;
import cn.citygrid.backend.auth.AccountScopes;
import cn.citygrid.backend.auth.AuthRoutes;
import cn.citygrid.backend.auth.AuthService;
import cn.citygrid.backend.auth.SessionRepository;
import cn.citygrid.backend.auth.UserRoutes;
import cn.citygrid.backend.citizen.CitizenRoutes;
import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.db.Database;
import cn.citygrid.backend.device.DeviceDirectory;
import cn.citygrid.backend.device.DeviceRepository;
import cn.citygrid.backend.device.DeviceRoutes;
import cn.citygrid.backend.device.DeviceService;
import cn.citygrid.backend.geo.GeoModule;
import cn.citygrid.backend.health.HealthRoutes;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.ledger.LedgerAppender;
import cn.citygrid.backend.ledger.LedgerAudit;
import cn.citygrid.backend.ledger.LedgerConfig;
import cn.citygrid.backend.ledger.LedgerRepository;
import cn.citygrid.backend.ledger.LedgerRoutes;
import cn.citygrid.backend.ledger.LedgerService;
import cn.citygrid.backend.ledger.PlatformKeys;
import cn.citygrid.backend.ledger.RecordIntake;
import cn.citygrid.backend.ledger.WitnessClient;
import cn.citygrid.backend.metrics.Metrics;
import cn.citygrid.backend.placecode.PlaceCodeKeys;
import cn.citygrid.backend.placecode.PlaceCodeRoutes;
import cn.citygrid.backend.sync.SyncModule;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/** The services every HTTP verticle instance shares: built once in {@link App}, passed by constructor. */
record Wiring(GridConfig config, Metrics metrics, HealthRoutes health, AuthService auth, LedgerAppender appender,
    LedgerService ledger, LedgerAudit audit, WitnessClient witnesses, GridModule grid, SyncModule sync, GeoModule geo,
    List<ApiRoute> routes,
    Buffer openApi) {

  static Wiring build(Vertx vertx, GridConfig config, Database database, Metrics metrics, String schemaVersion,
      PlatformKeys keys, long systemAccount, Clock clock, Buffer openApi) throws Exception {
    WorkerExecutor crypto = vertx.createSharedWorkerExecutor("citygrid-crypto", config.workerPoolSize());
    AccountRepository accounts = new AccountRepository(database);
    AccountScopes scopes = new AccountScopes(database.pool());
    AuthService auth = new AuthService(vertx, crypto, config.auth(), config.demoMode(), accounts,
        new SessionRepository(database), clock);
    DeviceRepository deviceRepository = new DeviceRepository(database);
    DeviceDirectory directory = new DeviceDirectory(vertx, deviceRepository);
    LedgerRepository ledgerRepository = new LedgerRepository(database.pool());
    WitnessClient witnesses = new WitnessClient(WebClient.create(vertx), ledgerRepository, config.ledger().witnessUrls(),
        keys.log().verifier(), crypto);
    var l = config.ledger();
    LedgerAppender appender = new LedgerAppender(vertx, Database.connectOptions(config.db()), ledgerRepository,
        keys.log(), vertx.createSharedWorkerExecutor("citygrid-ledger-seal", 1), new LedgerConfig(l.origin(), l.batchMax(), l.batchInterval(), l.auditInterval()), clock, witnesses,
        metrics.registry());
    LedgerService ledger = new LedgerService(vertx, ledgerRepository, keys, deviceRepository, witnesses, scopes);
    RecordIntake intake = new RecordIntake(directory, ledgerRepository, appender, crypto, clock);
    GridModule grid = GridModule.build(vertx, config, database, metrics, keys, crypto, intake, systemAccount, clock);
    SyncModule sync = SyncModule.build(vertx, config, database.pool(), intake, directory, ledger, grid.accessLog(), crypto, clock);
    PlaceCodeKeys placeCodeKeys = new PlaceCodeKeys(database.pool(), config.dataKeys().keyRing(), crypto);
    // A new database gets its first key now, so that phones and the public key list have one before any label is printed.
    placeCodeKeys.current().toCompletionStage().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
    GeoModule geo = GeoModule.build(vertx, config.db(), config.geo(), database, metrics.registry(), auth);
    List<ApiRoute> routes = Stream.of(
            new AuthRoutes(auth).routes(),
            new UserRoutes(auth, accounts, database.pool()).routes(),
            new DeviceRoutes(new DeviceService(deviceRepository, directory, keys, crypto, scopes, clock)).routes(),
            new LedgerRoutes(ledger, intake, grid.accessLog(), clock).routes(),
            new PlaceCodeRoutes(database.pool(), placeCodeKeys, crypto, clock).routes(),
            grid.routes(),
            sync.routes(),
            new CitizenRoutes(database.pool(), grid.accessLog(), placeCodeKeys, crypto, sync.attachments(),
                clock).routes(),
            geo.routes())
        .flatMap(List::stream).toList();
    return new Wiring(config, metrics, new HealthRoutes(database.pool(), schemaVersion), auth, appender, ledger,
        new LedgerAudit(database.pool(), crypto, keys.log().verifier()), witnesses, grid, sync, geo, routes, openApi);
  }
}
