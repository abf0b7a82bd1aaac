package cn.citygrid.backend.ledger;

import cn.citygrid.sync.protocol.cert.DeviceCertificates;
import cn.citygrid.sync.protocol.cert.Sm2Certificate;
import cn.citygrid.sync.protocol.checkpoint.CheckpointSigner;
import cn.citygrid.sync.protocol.crypto.KeyRing;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Loads the platform keys, creating any that do not exist yet (first start of a new database). */
public final class PlatformKeyLoader {
  static final Duration CA_VALIDITY = Duration.ofDays(365L * 20);

  private PlatformKeyLoader() {}

  /** Blocking (key generation, decoding): call from a start-up thread, not an event loop. */
  public static PlatformKeys load(Vertx vertx, Pool pool, KeyRing ring, String logOrigin, Instant now) throws Exception {
    SigningKeyRepository keys = new SigningKeyRepository(pool, ring);
    Sm2KeyPair caKeys = Sm2.generateKeyPair();
    Sm2Certificate caCert = DeviceCertificates.selfSignedCa(caKeys, "CityGrid 设备 CA", now.minus(Duration.ofDays(1)),
        now.plus(CA_VALIDITY));
    Future<SigningKeyRepository.Stored> ca = keys.loadOrCreate(vertx, "ca", caKeys, caCert.der());
    Future<SigningKeyRepository.Stored> log = keys.loadOrCreate(vertx, "log", Sm2.generateKeyPair(), null);
    Future<SigningKeyRepository.Stored> platform = keys.loadOrCreate(vertx, "platform-device", Sm2.generateKeyPair(), null);
    Future.all(ca, log, platform).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return new PlatformKeys(ca.result().keys(), Sm2Certificate.fromDer(ca.result().certificate()),
        new CheckpointSigner(logOrigin, log.result().keys().privateKey()), platform.result().keys());
  }
}
