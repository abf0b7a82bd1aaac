package cn.citygrid.backend.db;

import cn.citygrid.backend.auth.Account;
import cn.citygrid.backend.auth.AuthSession;
import cn.citygrid.backend.config.DbConfig;
import cn.citygrid.backend.device.Device;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Runs every named query once before the application's Vert.x starts serving. Hibernate loads a
 * few hundred classes the first time a query runs (SQL AST, result processing), which would stall
 * the event loop serving the first requests for a quarter of a second. Hibernate Reactive insists
 * on event-loop threads, so the warm-up uses a throwaway Vert.x instance and session factory;
 * loaded classes are the JVM's, so it runs once per JVM.
 */
public final class OrmWarmup {
  private static boolean done;

  private OrmWarmup() {}

  public static synchronized void once(DbConfig config) throws Exception {
    if (done) {
      return;
    }
    Vertx vertx = Vertx.vertx();
    try (Database db = Database.open(vertx, config)) {
      Promise<Void> finished = Promise.promise();
      vertx.runOnContext(v -> queries(db).onComplete(finished));
      finished.future().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      done = true;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static Future<Void> queries(Database db) {
    return db.inSession(s -> s.createNamedQuery("Account.byUsername", Account.class).setParameter("username", "").getSingleResultOrNull()
            .thenCompose(v -> s.createNamedQuery("Account.byId", Account.class).setParameter("id", -1L).getSingleResultOrNull())
            .thenCompose(v -> s.createNamedQuery("Account.byIds", Account.class).setParameter("ids", List.of(-1L)).getResultList())
            .thenCompose(v -> s.createNamedQuery("Account.pageIds", Long.class).setMaxResults(1).getResultList())
            .thenCompose(v -> s.createNamedQuery("Account.count", Long.class).getSingleResult())
            .thenCompose(v -> s.createNamedQuery("AuthSession.byAccessHash", AuthSession.class).setParameter("hash", new byte[32]).getSingleResultOrNull())
            .thenCompose(v -> s.createNamedQuery("AuthSession.byRefreshHash", AuthSession.class).setParameter("hash", new byte[32]).getSingleResultOrNull())
            .thenCompose(v -> s.createNamedQuery("AuthSession.liveOfAccount", AuthSession.class).setParameter("account", -1L).getResultList())
            .thenCompose(v -> s.createNamedQuery("Device.byKeyIds", Device.class).setParameter("keyIds", List.of("-")).getResultList())
            .thenCompose(v -> s.find(Device.class, "-"))
            .thenCompose(v -> s.find(AuthSession.class, UUID.randomUUID())))
        .mapEmpty();
  }
}
