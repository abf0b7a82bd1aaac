package cn.citygrid.backend.sync;

import cn.citygrid.backend.access.AccessLog;
import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.device.DeviceDirectory;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.ledger.LedgerService;
import cn.citygrid.backend.ledger.RecordIntake;
import cn.citygrid.sync.server.attach.AttachmentStore;
import cn.citygrid.sync.server.attach.EmbeddedS3;
import cn.citygrid.sync.server.attach.ObjectStoreConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Field forms and offline sync on the server: form versions, record and proposal upload,
 * attachments in the object store, the change feed, tasks, field records for reviewers, and the
 * projector that turns accepted records into the person–house grid.
 */
public record SyncModule(List<ApiRoute> routes, Projector projector, ChangeFeed feed, FormVersions forms,
    AttachmentStore attachments, EmbeddedS3 embedded) implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncModule.class);
  static final long PROJECT_EVERY_MILLIS = 2_000;
  /** The change log is trimmed to its retention (sync.change-retention) at start and every hour. */
  static final long PURGE_EVERY_MILLIS = 3_600_000;

  /** Blocking while it starts the in-process S3 server and seeds the built-in forms: call it at start-up, not on an event loop. */
  public static SyncModule build(Vertx vertx, GridConfig config, Pool pool, RecordIntake intake, DeviceDirectory directory,
      LedgerService ledger, AccessLog accessLog, WorkerExecutor crypto, Clock clock) throws Exception {
    EmbeddedS3 embedded = null;
    ObjectStoreConfig objects;
    GridConfig.ObjectsConfig o = config.objects();
    if (o.endpoint() == null) {
      Path dir = Path.of(o.dir());
      Files.createDirectories(dir);
      String access = o.accessKey().isEmpty() ? random() : o.accessKey();
      String secret = o.secretKey().isEmpty() ? random() : o.secretKey();
      embedded = EmbeddedS3.start(dir, access, secret);
      objects = new ObjectStoreConfig(embedded.endpoint(), access, secret, o.bucket(), o.region());
    } else {
      objects = new ObjectStoreConfig(URI.create(o.endpoint()), o.accessKey(), o.secretKey(), o.bucket(), o.region());
    }
    // Object-store calls block on the network: their own workers, so crypto never waits behind them.
    WorkerExecutor blocking = vertx.createSharedWorkerExecutor("citygrid-objects", 16, 2, TimeUnit.MINUTES);
    AttachmentStore attachments = new AttachmentStore(vertx, blocking, objects, clock);
    FormVersions forms = new FormVersions(pool, crypto);
    await(Future.all(attachments.ensureBucket(), forms.seedBuiltIns()));
    SyncDevices devices = new SyncDevices(directory);
    Proposals proposals = new Proposals(pool, config.dataKeys(), crypto, accessLog, clock);
    Projector projector = new Projector(vertx, pool, forms, config.dataKeys(), crypto);
    SyncChecks checks = new SyncChecks(forms, attachments::sizes, crypto);
    SyncRecords records = new SyncRecords(intake, checks, devices, proposals, ledger, projector, pool, clock);
    ChangeFeed feed = new ChangeFeed(pool, accessLog, clock);
    List<ApiRoute> routes = Stream.of(
            new SyncRoutes(records, devices, feed, proposals, clock).routes(),
            new AttachmentRoutes(attachments, devices, pool, clock).routes(),
            new FormRoutes(forms).routes(),
            new TaskRoutes(pool).routes(),
            new RecordRoutes(pool, accessLog, clock).routes())
        .flatMap(List::stream).toList();
    projector.start(PROJECT_EVERY_MILLIS);
    vertx.setPeriodic(0, PURGE_EVERY_MILLIS, id -> feed.purge(config.changeRetention())
        .onSuccess(n -> LOG.debug("change log: {} changes older than {} dropped", n, config.changeRetention()))
        .onFailure(e -> LOG.warn("trimming the change log failed; will try again: {}", e.toString())));
    return new SyncModule(routes, projector, feed, forms, attachments, embedded);
  }

  private static String random() {
    byte[] b = new byte[20];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    attachments.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
