package cn.citygrid.backend.ledger;

import cn.citygrid.sync.protocol.crypto.KeyRing;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import cn.citygrid.sync.protocol.crypto.Sm2PrivateKey;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;

/**
 * Platform signing keys in ledger.signing_key, private halves sealed with the data key ring. The
 * first node to start creates a missing key; a concurrent start loses the insert race and reads
 * the winner's key, so every node signs with the same keys.
 */
final class SigningKeyRepository {
  private final Pool pool;
  private final KeyRing ring;

  SigningKeyRepository(Pool pool, KeyRing ring) {
    this.pool = pool;
    this.ring = ring;
  }

  /**
   * The key and certificate (DER, may be null) stored under {@code name}, created from {@code fresh}
   * if absent. Decrypting and decoding run on a worker: first use of the curve code is slow.
   */
  Future<Stored> loadOrCreate(io.vertx.core.Vertx vertx, String name, Sm2KeyPair fresh, byte[] freshCertificate) {
    return pool.preparedQuery("""
            INSERT INTO ledger.signing_key (name, public_key, key_id, private_key_enc, certificate)
            VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING""")
        .execute(Tuple.of(name, Buffer.buffer(fresh.publicKey().spki()), fresh.publicKey().keyId(),
            Buffer.buffer(ring.seal(fresh.privateKey().pkcs8(), aad(name))),
            freshCertificate == null ? null : Buffer.buffer(freshCertificate)))
        .compose(v -> pool.preparedQuery("SELECT private_key_enc, certificate FROM ledger.signing_key WHERE name = $1")
            .execute(Tuple.of(name)))
        .compose(rows -> vertx.executeBlocking(() -> stored(name, rows.iterator().next()), false));
  }

  private Stored stored(String name, Row row) {
    Sm2PrivateKey key = Sm2PrivateKey.fromPkcs8(ring.open(row.getBuffer(0).getBytes(), aad(name)));
    Buffer cert = row.getBuffer(1);
    return new Stored(Sm2KeyPair.of(key), cert == null ? null : cert.getBytes());
  }

  private static byte[] aad(String name) {
    return ("ledger.signing_key:" + name).getBytes(StandardCharsets.UTF_8);
  }

  record Stored(Sm2KeyPair keys, byte[] certificate) {}
}
