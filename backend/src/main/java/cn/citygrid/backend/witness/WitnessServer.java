package cn.citygrid.backend.witness;

import cn.citygrid.backend.http.ProblemHandler;
import cn.citygrid.backend.http.RequestLog;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.checkpoint.WitnessCosigner;
import cn.citygrid.sync.protocol.crypto.KeyRing;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import cn.citygrid.sync.protocol.crypto.Sm2PrivateKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The witness as a server of its own: own port, own key (in the {@code witness} schema, sealed
 * with the data key ring), own state. The backend can run it in-process for the demo
 * ({@code GRID_WITNESS_PORT}), or {@code java -jar … witness} runs it alone.
 */
public final class WitnessServer {
  private final HttpServer server;
  private final WitnessService service;

  private WitnessServer(HttpServer server, WitnessService service) {
    this.server = server;
    this.service = service;
  }

  public static Future<WitnessServer> start(Vertx vertx, Pool pool, KeyRing ring, WorkerExecutor crypto, String name,
      NoteVerifier log, String host, int port, Clock clock) {
    return key(pool, ring, name).compose(key -> {
      WitnessService service = new WitnessService(pool, crypto, new WitnessCosigner(name, key), log, clock);
      Router router = Router.router(vertx);
      router.route().handler(new RequestLog());
      new WitnessRoutes(service).mount(router);
      ProblemHandler problems = new ProblemHandler();
      router.route().failureHandler(problems);
      router.errorHandler(404, problems).errorHandler(405, problems).errorHandler(500, problems);
      return vertx.createHttpServer().requestHandler(router).listen(port, host)
          .map(server -> new WitnessServer(server, service));
    });
  }

  /** The witness's key, created on first start. */
  private static Future<Sm2PrivateKey> key(Pool pool, KeyRing ring, String name) {
    Sm2KeyPair fresh = Sm2.generateKeyPair();
    byte[] aad = ("witness.key:" + name).getBytes(StandardCharsets.UTF_8);
    return pool.preparedQuery("""
            INSERT INTO witness.key (name, public_key, private_key_enc) VALUES ($1, $2, $3)
            ON CONFLICT (name) DO NOTHING""")
        .execute(Tuple.of(name, Buffer.buffer(fresh.publicKey().spki()), Buffer.buffer(ring.seal(fresh.privateKey().pkcs8(), aad))))
        .compose(v -> pool.preparedQuery("SELECT private_key_enc FROM witness.key WHERE name = $1").execute(Tuple.of(name)))
        .map(rows -> Sm2PrivateKey.fromPkcs8(ring.open(rows.iterator().next().getBuffer(0).getBytes(), aad)));
  }

  public int port() {
    return server.actualPort();
  }

  public WitnessService service() {
    return service;
  }

  public Future<Void> close() {
    return server.close();
  }
}
