package cn.citygrid.backend.ledger;

import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.db.Database;
import cn.citygrid.backend.db.Migrations;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** {@code ./grid audit}: runs the tamper audit once, prints the report; exit 0 intact, 1 problems found. */
public final class AuditCommand {
  private AuditCommand() {}

  public static int run(GridConfig config, PrintStream out) throws Exception {
    Migrations.migrate(config.db());
    Vertx vertx = Vertx.vertx();
    try (Database db = Database.open(vertx, config.db())) {
      PlatformKeys keys = PlatformKeyLoader.load(vertx, db.pool(), config.dataKeys().keyRing(), config.ledger().origin(),
          Instant.now());
      AuditReport report = new LedgerAudit(db.pool(), vertx.createSharedWorkerExecutor("citygrid-audit",
              Runtime.getRuntime().availableProcessors()), keys.log().verifier()).run()
          .toCompletionStage().toCompletableFuture().get(6, TimeUnit.HOURS);
      out.print(report.format());
      out.flush();
      return report.clean() ? 0 : 1;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
