package cn.citygrid.backend.access;

import cn.citygrid.backend.ledger.PlatformKeys;
import cn.citygrid.sync.protocol.cert.DeviceCertificates;
import cn.citygrid.sync.protocol.cert.Sm2Certificate;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;

/**
 * The platform as a device of its own: a non-login account {@code system} and an approved device
 * holding the platform-device key with a CA certificate, so records the server signs itself pass
 * the same intake and the same offline verifier as a phone's.
 */
public final class PlatformDevice {
  public static final String DEVICE_ID = "platform-server";

  private PlatformDevice() {}

  /** The account id of {@code system}; creates account and device on first start. */
  public static Future<Long> ensure(Pool pool, PlatformKeys keys, Instant now) {
    Sm2Certificate cert = DeviceCertificates.issue(keys.ca().privateKey(), keys.caCertificate(),
        keys.platformDevice().publicKey(), DEVICE_ID, "system", now.minus(Duration.ofMinutes(5)), keys.caCertificate().notAfter());
    return pool.withTransaction(tx -> tx.query("""
            INSERT INTO auth.account (username, display_name, password_hash, enabled)
            VALUES ('system', '平台', '!', false) ON CONFLICT (username) DO NOTHING""").execute()
        .compose(v -> tx.query("SELECT id FROM auth.account WHERE username = 'system'").execute())
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(account -> tx.preparedQuery("""
                INSERT INTO ledger.device (id, account_id, public_key, key_id, label, status, decided_at, certificate)
                VALUES ($1, $2, $3, $4, '平台服务器', 'approved', now(), $5) ON CONFLICT (id) DO NOTHING""")
            .execute(Tuple.of(DEVICE_ID, account, Buffer.buffer(keys.platformDevice().publicKey().spki()),
                keys.platformDevice().publicKey().keyId(), Buffer.buffer(cert.der())))
            .map(account)));
  }
}
