package cn.citygrid.backend;

import cn.citygrid.backend.access.AccessAnchor;
import cn.citygrid.backend.access.AccessLog;
import cn.citygrid.backend.access.AccessRoutes;
import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.db.Database;
import cn.citygrid.backend.governance.GovernanceQueries;
import cn.citygrid.backend.governance.GovernanceRoutes;
import cn.citygrid.backend.governance.ImportJob;
import cn.citygrid.backend.governance.KeyRotation;
import cn.citygrid.backend.governance.MergeService;
import cn.citygrid.backend.governance.QualityMetrics;
import cn.citygrid.backend.governance.QualityRoutes;
import cn.citygrid.backend.governance.ReviewQueue;
import cn.citygrid.backend.governance.Standardisers;
import cn.citygrid.backend.graph.GraphRoutes;
import cn.citygrid.backend.graph.GraphService;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.ledger.PlatformKeys;
import cn.citygrid.backend.ledger.RecordIntake;
import cn.citygrid.backend.metrics.Metrics;
import cn.citygrid.backend.portrait.EnterprisePortraits;
import cn.citygrid.backend.portrait.PersonPortraits;
import cn.citygrid.backend.portrait.HouseDetails;
import cn.citygrid.backend.portrait.PersonSearch;
import cn.citygrid.backend.portrait.PlaceSearch;
import cn.citygrid.backend.portrait.PortraitRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The person–house grid's services: governance (imports, quality, merges), portraits, the graph,
 * and the access log with its ledger anchors and key rotation.
 */
public record GridModule(List<ApiRoute> routes, AccessLog accessLog, AccessAnchor anchor, ImportJob imports) {
  static final long ANCHOR_EVERY_MILLIS = 5_000;
  static final long ROTATION_EVERY_MILLIS = 3_600_000;

  static GridModule build(Vertx vertx, GridConfig config, Database db, Metrics metrics, PlatformKeys keys, WorkerExecutor crypto,
      RecordIntake intake, long systemAccount, Clock clock) {
    var pool = db.pool();
    AccessLog accessLog = new AccessLog(vertx, pool);
    AccessAnchor anchor = new AccessAnchor(accessLog, intake, keys, crypto, pool, clock, systemAccount);
    PersonPortraits persons = new PersonPortraits(pool, config.dataKeys(), accessLog, clock, crypto);
    GovernanceQueries queries = new GovernanceQueries(pool, persons);
    MergeService merges = new MergeService(pool);
    ImportJob imports = new ImportJob(config.db(), config.dataKeys(), Standardisers.factory(config.db()), clock);
    // Imports are long batch jobs with JDBC: their own workers, allowed to run for hours.
    WorkerExecutor importWorkers = vertx.createSharedWorkerExecutor("citygrid-import", 1, 6, TimeUnit.HOURS);
    List<ApiRoute> routes = Stream.of(
            new PortraitRoutes(persons, new PersonSearch(pool, persons),
                new EnterprisePortraits(pool, accessLog, persons, clock), new PlaceSearch(pool), new HouseDetails(pool, persons)).routes(),
            new GraphRoutes(new GraphService(pool, persons)).routes(),
            new AccessRoutes(pool).routes(),
            new GovernanceRoutes(queries, imports, importWorkers, new QualityMetrics(pool)).routes(),
            new QualityRoutes(pool, queries, merges, new ReviewQueue(pool, merges, persons)).routes())
        .flatMap(List::stream).toList();
    new KeyRotation(pool, config.dataKeys(), crypto, metrics.registry()).schedule(vertx, ROTATION_EVERY_MILLIS);
    anchor.start(vertx, ANCHOR_EVERY_MILLIS);
    return new GridModule(routes, accessLog, anchor, imports);
  }
}
