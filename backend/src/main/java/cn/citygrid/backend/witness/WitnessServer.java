package cn.citygrid.backend.witness;

import cn.citygrid.backend.http.ProblemHandler;
import cn.citygrid.backend.http.RequestLog;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.checkpoint.WitnessCosigner;
import cn.citygrid.sync.protocol.crypto.KeyRing;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import cn.citygrid.sync.protocol.crypto.Sm2PrivateKey;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
 * The witness as a server of its own: own verticle and port, own key (in the {@code witness} schema, sealed
 * with the data key ring), own state. The backend can deploy it in-process for the demo
 * ({@code GRID_WITNESS_PORT}), or {@code java -jar … witness} runs it alone.
 */
public final class WitnessServer extends AbstractVerticle {
  private final Pool pool;
  private final KeyRing ring;
  private final WorkerExecutor crypto;
  private final String name;
  private final NoteVerifier log;
  private final String host;
  private final int port;
  private final Clock clock;
  private HttpServer server;
  private WitnessService service;

  private WitnessServer(Pool pool, KeyRing ring, WorkerExecutor crypto, String name, NoteVerifier log, String host, int port,
      Clock clock) {
    this.pool = pool;
    this.ring = ring;
    this.crypto = crypto;
    this.name = name;
    this.log = log;
    this.host = host;
    this.port = port;
    this.clock = clock;
  }

  /** Deploys the witness verticle; the future completes once it listens. */
  public static Future<WitnessServer> start(Vertx vertx, Pool pool, KeyRing ring, WorkerExecutor crypto, String name,
      NoteVerifier log, String host, int port, Clock clock) {
    WitnessServer witness = new WitnessServer(pool, ring, crypto, name, log, host, port, clock);
    return vertx.deployVerticle(witness).map(id -> witness);
  }

  @Override
  public void start(Promise<Void> started) {
    key(pool, ring, name).compose(key -> {
      service = new WitnessService(pool, crypto, new WitnessCosigner(name, key), log, clock);
      Router router = Router.router(vertx);
      router.route().handler(new RequestLog());
      new WitnessRoutes(service).mount(router);
      ProblemHandler problems = new ProblemHandler();
      router.route().failureHandler(problems);
      router.errorHandler(404, problems).errorHandler(405, problems).errorHandler(500, problems);
      return vertx.createHttpServer().requestHandler(router).listen(port, host);
    }).<Void>map(listening -> {
      server = listening;
      return null;
    }).onComplete(started);
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
    return vertx.undeploy(deploymentID());
  }
}
