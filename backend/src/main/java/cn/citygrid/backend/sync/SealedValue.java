package cn.citygrid.backend.sync;

import cn.citygrid.backend.config.DataKeysConfig;
import cn.citygrid.backend.standard.CitizenId;
import cn.citygrid.backend.standard.Phones;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * A person's ID number or phone as {@code grid.person} keeps it: SM4-sealed, its blind index and its
 * mask. Made on worker threads (SM4 and HMAC-SM3 never run on an event loop), used in transactions.
 */
record SealedValue(Buffer enc, String bidx, String mask) {
  private static final byte[] ID_AAD = "grid.person.id_number".getBytes(StandardCharsets.UTF_8);
  private static final byte[] PHONE_AAD = "grid.person.phone".getBytes(StandardCharsets.UTF_8);

  /** {@code id} must be a valid 18-digit ID number (upper-case X). */
  static SealedValue idNumber(DataKeysConfig keys, String id) {
    return new SealedValue(Buffer.buffer(keys.keyRing().seal(id.getBytes(StandardCharsets.US_ASCII), ID_AAD)),
        keys.blindIndex().index("id_number", id), CitizenId.mask(id));
  }

  /** {@code phone} must be a mobile number. */
  static SealedValue phone(DataKeysConfig keys, String phone) {
    return new SealedValue(Buffer.buffer(keys.keyRing().seal(phone.getBytes(StandardCharsets.UTF_8), PHONE_AAD)),
        keys.blindIndex().index("phone", phone), Phones.mask(phone));
  }
}
