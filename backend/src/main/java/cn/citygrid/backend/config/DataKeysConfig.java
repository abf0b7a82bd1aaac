package cn.citygrid.backend.config;

import cn.citygrid.sync.protocol.crypto.BlindIndex;
import cn.citygrid.sync.protocol.crypto.KeyRing;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Keys protecting personal data at rest: an SM4 key ring and the blind-index key. Never logged. */
public record DataKeysConfig(KeyRing keyRing, BlindIndex blindIndex) {

  static DataKeysConfig from(Settings s) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    String raw = s.string(ConfigKey.DATA_KEYS).trim();
    if (raw.isEmpty()) {
      throw s.invalid(ConfigKey.DATA_KEYS, "at least one key `id:base64` of 16 bytes");
    }
    String last = null;
    for (String entry : raw.split(",")) {
      String[] parts = entry.trim().split(":", 2);
      byte[] key = decode(s, ConfigKey.DATA_KEYS, parts.length == 2 ? parts[1] : "");
      if (parts[0].isBlank() || key.length != 16) {
        throw s.invalid(ConfigKey.DATA_KEYS, "entries `id:base64` of 16-byte keys");
      }
      keys.put(parts[0].trim(), key);
      last = parts[0].trim();
    }
    String active = s.string(ConfigKey.DATA_ACTIVE_KEY).trim();
    if (!active.isEmpty() && !keys.containsKey(active)) {
      throw s.invalid(ConfigKey.DATA_ACTIVE_KEY, "one of " + keys.keySet());
    }
    byte[] index = decode(s, ConfigKey.DATA_INDEX_KEY, s.string(ConfigKey.DATA_INDEX_KEY).trim());
    if (index.length < 16) {
      throw s.invalid(ConfigKey.DATA_INDEX_KEY, "a base64 key of at least 16 bytes");
    }
    return new DataKeysConfig(KeyRing.of(keys, active.isEmpty() ? last : active), new BlindIndex(index));
  }

  private static byte[] decode(Settings s, ConfigKey key, String base64) {
    try {
      return Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw s.invalid(key, "base64");
    }
  }

  @Override
  public String toString() {
    return "DataKeysConfig[active=" + keyRing.activeKeyId() + ", keys=" + keyRing.keyIds() + "]";
  }
}
