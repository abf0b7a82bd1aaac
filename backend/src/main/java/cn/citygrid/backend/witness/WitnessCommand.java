package cn.citygrid.backend.witness;

import cn.citygrid.backend.config.ConfigKey;
import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.db.Database;
import cn.citygrid.backend.db.Migrations;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar citygrid-backend.jar witness}: the witness alone, on {@code GRID_WITNESS_PORT},
 * trusting the log key in the PEM file {@code GRID_WITNESS_LOG_KEY} under the name
 * {@code GRID_LEDGER_ORIGIN}, keeping its state in the database of {@code GRID_DB_URL}.
 */
public final class WitnessCommand {
  private WitnessCommand() {}

  public static int run(GridConfig config) throws Exception {
    var ledger = config.ledger();
    if (ledger.witnessPort() == 0 || ledger.witnessLogKey().isEmpty()) {
      System.err.println("a standalone witness needs " + ConfigKey.WITNESS_PORT.envName() + " and "
          + ConfigKey.WITNESS_LOG_KEY.envName() + " (PEM file of the log's public key)");
      return 2;
    }
    NoteVerifier log = new NoteVerifier(ledger.origin(), Sm2PublicKey.fromPem(Files.readString(Path.of(ledger.witnessLogKey()))));
    Migrations.migrate(config.db());
    Vertx vertx = Vertx.vertx();
    Database db = Database.open(vertx, config.db());
    WitnessServer server = WitnessServer.start(vertx, db.pool(), config.dataKeys().keyRing(),
            vertx.createSharedWorkerExecutor("citygrid-crypto", config.workerPoolSize()), ledger.witnessName(), log,
            config.http().host(), ledger.witnessPort(), Clock.systemUTC())
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    System.out.println("witness " + ledger.witnessName() + " for " + ledger.origin() + " on port " + server.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      db.close();
      vertx.close();
      stopped.countDown();
    }));
    stopped.await();
    return 0;
  }
}
