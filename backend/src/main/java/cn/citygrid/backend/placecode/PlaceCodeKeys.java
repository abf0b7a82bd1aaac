package cn.citygrid.backend.placecode;

import cn.citygrid.sync.protocol.crypto.KeyRing;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import cn.citygrid.sync.protocol.crypto.Sm2PrivateKey;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import cn.citygrid.sync.protocol.placecode.PlaceCodeCheck;
import cn.citygrid.sync.protocol.placecode.PlaceCodes;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys place codes are signed with (ledger.placecode_key, ADR 0008): new codes with the newest key
 * not retired; every key not retired verifies. Private halves are sealed with the data key ring and
 * opened on a worker, once per key and node.
 */
public final class PlaceCodeKeys {
  /** The sealing context of the place-code key ledger.signing_key held before keys rotated (V25 copied it), kept for all. */
  private static final byte[] AAD = "ledger.signing_key:placecode".getBytes(StandardCharsets.UTF_8);

  /** The key new codes are signed with: the newest one not retired. */
  private static final String SIGNING = """
      SELECT key_id FROM ledger.placecode_key WHERE retired_at IS NULL ORDER BY created_at DESC, key_id DESC LIMIT 1""";

  private final Pool pool;
  private final KeyRing ring;
  private final WorkerExecutor crypto;
  private final Map<String, Sm2KeyPair> opened = new ConcurrentHashMap<>();
  private final Map<String, Sm2PublicKey> decoded = new ConcurrentHashMap<>();

  public PlaceCodeKeys(Pool pool, KeyRing ring, WorkerExecutor crypto) {
    this.pool = pool;
    this.ring = ring;
    this.crypto = crypto;
  }

  /** The key new codes are signed with: the newest one not retired (a new one when all are). */
  public Future<Sm2KeyPair> current() {
    return pool.query("SELECT key_id, private_key_enc FROM ledger.placecode_key WHERE key_id = (" + SIGNING + ")").execute()
        .compose(rows -> rows.size() == 0 ? rotate().compose(kid -> current()) : open(rows.iterator().next()));
  }

  private Future<Sm2KeyPair> open(Row row) {
    String kid = row.getString("key_id");
    Sm2KeyPair known = opened.get(kid);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    byte[] sealed = row.getBuffer("private_key_enc").getBytes();
    return crypto.executeBlocking(() -> opened.computeIfAbsent(kid,
        k -> Sm2KeyPair.of(Sm2PrivateKey.fromPkcs8(ring.open(sealed, AAD)))), false);
  }

  /** Every key not retired, by key id, newest first (decoded on a worker, once per key and node). */
  public Future<Map<String, Sm2PublicKey>> trusted() {
    return trust().map(Trust::keys);
  }

  /** The keys codes are verified with, and the ids of those retired (their codes are refused as such). */
  public record Trust(Map<String, Sm2PublicKey> keys, Set<String> retired) {
    /** A scanned code checked against these keys, on the caller's thread (SM2: call it on a worker). */
    public PlaceCodeCheck check(String code) {
      return PlaceCodes.verify(code, kid -> Optional.ofNullable(keys.get(kid)), retired::contains);
    }
  }

  /** {@link #trusted()} and the retired key ids, in one query. */
  public Future<Trust> trust() {
    return pool.query("""
            SELECT key_id, public_key, retired_at IS NOT NULL AS retired FROM ledger.placecode_key
            ORDER BY created_at DESC, key_id DESC""").execute()
        .compose(rows -> {
          Map<String, byte[]> spki = new LinkedHashMap<>();
          Set<String> retired = new HashSet<>();
          rows.forEach(r -> {
            if (Boolean.TRUE.equals(r.getBoolean("retired"))) {
              retired.add(r.getString("key_id"));
            } else {
              spki.put(r.getString("key_id"), r.getBuffer("public_key").getBytes());
            }
          });
          return crypto.executeBlocking(() -> {
            Map<String, Sm2PublicKey> out = new LinkedHashMap<>();
            spki.forEach((kid, der) -> out.put(kid, decode(kid, der)));
            return new Trust(out, Set.copyOf(retired));
          }, false);
        });
  }

  /**
   * A key as administrators see it: no private half; {@code retiredAt} null while it is in use, {@code signing} for
   * the one new codes get.
   */
  public record KeyInfo(String keyId, OffsetDateTime createdAt, OffsetDateTime retiredAt, boolean signing,
      String publicKeyPem) {}

  /** Every key, retired ones included, newest first. */
  public Future<List<KeyInfo>> all() {
    return pool.query("""
            SELECT key_id, created_at, retired_at, key_id = (%s) AS signing, public_key FROM ledger.placecode_key
            ORDER BY created_at DESC, key_id DESC""".formatted(SIGNING)).execute()
        .compose(rows -> {
          List<Row> list = new ArrayList<>();
          rows.forEach(list::add);
          return crypto.executeBlocking(() -> list.stream().map(r -> new KeyInfo(r.getString("key_id"),
              r.getOffsetDateTime("created_at"), r.getOffsetDateTime("retired_at"), Boolean.TRUE.equals(r.getBoolean("signing")),
              decode(r.getString("key_id"), r.getBuffer("public_key").getBytes()).toPem()))
              .toList(), false);
        });
  }

  /** A public key from its SubjectPublicKeyInfo, decoded once per key and node (on a worker: it is EC math). */
  private Sm2PublicKey decode(String keyId, byte[] spki) {
    return decoded.computeIfAbsent(keyId, k -> Sm2PublicKey.fromSpki(spki));
  }

  /** A new key, which signs every code from now on; the older ones keep verifying. Returns its key id. */
  public Future<String> rotate() {
    return crypto.executeBlocking(() -> {
          Sm2KeyPair k = Sm2.generateKeyPair();
          return Tuple.of(k.publicKey().keyId(), Buffer.buffer(k.publicKey().spki()),
              Buffer.buffer(ring.seal(k.privateKey().pkcs8(), AAD)));
        }, false)
        .compose(row -> pool.preparedQuery(
                "INSERT INTO ledger.placecode_key (key_id, public_key, private_key_enc) VALUES ($1, $2, $3) RETURNING key_id")
            .execute(row))
        .map(rows -> rows.iterator().next().getString(0));
  }

  /** From now on codes signed with {@code keyId} are refused; false when no such key is in use. */
  public Future<Boolean> retire(String keyId) {
    return pool.preparedQuery("UPDATE ledger.placecode_key SET retired_at = now() WHERE key_id = $1 AND retired_at IS NULL")
        .execute(Tuple.of(keyId)).map(rows -> rows.rowCount() == 1);
  }
}
