package cn.citygrid.backend.governance;

import cn.citygrid.backend.config.DataKeysConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background re-encryption after a key rotation: ID numbers and phones sealed under any key other
 * than the active one are opened and sealed again, a small batch at a time, while the platform
 * serves (readers open either key meanwhile). The key id is read from the envelope itself
 * (byte 1 is its length, then the id). A row whose ciphertexts changed between the read and the
 * write (a proposal, the projector or an import wrote a new value) is left alone: the pass moves on
 * and the next one takes it. {@code citygrid_data_key_stale} counts what a pass left.
 */
public final class KeyRotation {
  private static final Logger LOG = LoggerFactory.getLogger(KeyRotation.class);
  static final int BATCH = 500;
  static final String KEY_OF = "convert_from(substring(%1$s FROM 3 FOR get_byte(%1$s, 1)), 'UTF8')";
  static final String STALE = "SELECT id, id_number_enc, phone_enc FROM grid.person WHERE id > $1 AND ("
      + "(id_number_enc IS NOT NULL AND " + KEY_OF.formatted("id_number_enc") + " <> $2) OR "
      + "(phone_enc IS NOT NULL AND " + KEY_OF.formatted("phone_enc") + " <> $2)) ORDER BY id LIMIT " + BATCH;
  /** Compare-and-set: only rows still holding the ciphertexts that were read are written. */
  static final String RESEAL = """
      UPDATE grid.person p SET id_number_enc = u.id_enc, phone_enc = u.phone_enc
      FROM unnest($1::bigint[], $2::bytea[], $3::bytea[], $4::bytea[], $5::bytea[])
        AS u(id, id_enc, phone_enc, read_id_enc, read_phone_enc)
      WHERE p.id = u.id AND p.id_number_enc IS NOT DISTINCT FROM u.read_id_enc
        AND p.phone_enc IS NOT DISTINCT FROM u.read_phone_enc""";

  private final Pool pool;
  private final DataKeysConfig keys;
  private final WorkerExecutor crypto;
  private final AtomicLong stale = new AtomicLong(-1);

  public KeyRotation(Pool pool, DataKeysConfig keys, WorkerExecutor crypto, MeterRegistry metrics) {
    this.pool = pool;
    this.keys = keys;
    this.crypto = crypto;
    metrics.gauge("citygrid.data.key.stale", stale);
  }

  /** Runs one full pass now; returns how many persons were re-sealed. */
  public Future<Long> pass() {
    return batch(0, 0, 0);
  }

  public void schedule(Vertx vertx, long everyMillis) {
    vertx.setPeriodic(everyMillis, id -> pass().onSuccess(n -> {
      if (n > 0) {
        LOG.info("re-sealed personal data of {} persons under key {}", n, keys.keyRing().activeKeyId());
      }
    }).onFailure(e -> LOG.warn("key rotation pass failed: {}", e.toString())));
  }

  /**
   * Rows after {@code after}, in id order. The cursor moves past every row read, written or not, so a
   * pass ends; rows left because they changed meanwhile are counted in {@code left}, not taken as done.
   */
  private Future<Long> batch(long after, long done, long left) {
    return pool.preparedQuery(STALE).execute(Tuple.of(after, keys.keyRing().activeKeyId())).compose(rows -> {
      if (rows.size() == 0) {
        stale.set(left);
        return Future.succeededFuture(done);
      }
      List<Row> list = new ArrayList<>();
      rows.forEach(list::add);
      long last = list.get(list.size() - 1).getLong("id");
      return crypto.executeBlocking(() -> reseal(list), false)
          .compose(update -> pool.preparedQuery(RESEAL).execute(update))
          .compose(written -> batch(last, done + written.rowCount(), left + list.size() - written.rowCount()));
    });
  }

  /**
   * Opens under whichever key sealed it, seals under the active key (same column AAD); the values
   * read go along for {@link #RESEAL}'s compare.
   */
  private Tuple reseal(List<Row> rows) {
    Long[] ids = new Long[rows.size()];
    Buffer[] idEnc = new Buffer[rows.size()];
    Buffer[] phoneEnc = new Buffer[rows.size()];
    Buffer[] readIdEnc = new Buffer[rows.size()];
    Buffer[] readPhoneEnc = new Buffer[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      ids[i] = r.getLong("id");
      readIdEnc[i] = r.getBuffer("id_number_enc");
      readPhoneEnc[i] = r.getBuffer("phone_enc");
      idEnc[i] = reseal(readIdEnc[i], PersonApply.ID_AAD);
      phoneEnc[i] = reseal(readPhoneEnc[i], PersonApply.PHONE_AAD);
    }
    Tuple t = Tuple.tuple();
    t.addValue(ids);
    t.addValue(idEnc);
    t.addValue(phoneEnc);
    t.addValue(readIdEnc);
    t.addValue(readPhoneEnc);
    return t;
  }

  private Buffer reseal(Buffer sealed, byte[] aad) {
    if (sealed == null) {
      return null;
    }
    byte[] clear = keys.keyRing().open(sealed.getBytes(), aad);
    return Buffer.buffer(keys.keyRing().seal(clear, aad));
  }
}
