package cn.citygrid.backend.device;

import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Device keys by key id for the record intake, which verifies thousands of signatures a second:
 * decoded public keys are cached (decoding costs as much as a verification). Every status change
 * evicts here before it is answered and on every node through the event bus.
 */
public final class DeviceDirectory {
  static final String CHANGED_ADDRESS = "citygrid.device.changed";

  private final DeviceRepository devices;
  private final Vertx vertx;
  private final Cache<String, KnownDevice> byKeyId = Caffeine.newBuilder()
      .maximumSize(200_000).expireAfterWrite(Duration.ofMinutes(5)).build();

  public DeviceDirectory(Vertx vertx, DeviceRepository devices) {
    this.vertx = vertx;
    this.devices = devices;
    vertx.eventBus().<String>consumer(CHANGED_ADDRESS, msg -> byKeyId.invalidate(msg.body()));
  }

  /** What the intake needs to judge a record signed with a key. */
  public record KnownDevice(String id, long accountId, Device.Status status, Sm2PublicKey key, Instant revokedAt,
      byte[] certificate) {}

  /** The devices holding these keys; unknown keys are absent from the map. Misses cost one query. */
  public Future<Map<String, KnownDevice>> byKeyIds(Collection<String> keyIds) {
    Map<String, KnownDevice> found = new HashMap<>(byKeyId.getAllPresent(keyIds));
    List<String> missing = keyIds.stream().filter(k -> !found.containsKey(k)).toList();
    if (missing.isEmpty()) {
      return Future.succeededFuture(found);
    }
    return devices.byKeyIds(missing).map(loaded -> {
      for (Device d : loaded) {
        KnownDevice known = new KnownDevice(d.id(), d.accountId(), d.status(), Sm2PublicKey.fromSpki(d.publicKey()),
            d.revokedAt(), d.certificate());
        byKeyId.put(d.keyId(), known);
        found.put(d.keyId(), known);
      }
      return found;
    });
  }

  void changed(Device device) {
    byKeyId.invalidate(device.keyId());
    vertx.eventBus().publish(CHANGED_ADDRESS, device.keyId());
  }
}
