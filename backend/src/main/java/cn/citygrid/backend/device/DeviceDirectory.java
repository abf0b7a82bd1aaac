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
  private final Cache<String, KnownDevice> byId = Caffeine.newBuilder()
      .maximumSize(200_000).expireAfterWrite(Duration.ofMinutes(5)).build();

  public DeviceDirectory(Vertx vertx, DeviceRepository devices) {
    this.vertx = vertx;
    this.devices = devices;
    vertx.eventBus().<String>consumer(CHANGED_ADDRESS, msg -> {
      String[] keyAndId = msg.body().split(" ", 2);
      byKeyId.invalidate(keyAndId[0]);
      byId.invalidate(keyAndId[1]);
    });
  }

  /** What the intake needs to judge a record signed with a key. */
  public record KnownDevice(String id, String keyId, long accountId, Device.Status status, Sm2PublicKey key,
      Instant requestedAt, Instant revokedAt, byte[] certificate) {
    static KnownDevice of(Device d) {
      return new KnownDevice(d.id(), d.keyId(), d.accountId(), d.status(), Sm2PublicKey.fromSpki(d.publicKey()),
          d.requestedAt(), d.revokedAt(), d.certificate());
    }
  }

  /** A device by its id (the sync's {@code X-Device-Id}), or empty when unknown. */
  public Future<java.util.Optional<KnownDevice>> byId(String id) {
    KnownDevice cached = byId.getIfPresent(id);
    if (cached != null) {
      return Future.succeededFuture(java.util.Optional.of(cached));
    }
    return devices.byId(id).map(found -> found.map(d -> {
      KnownDevice known = KnownDevice.of(d);
      byId.put(id, known);
      return known;
    }));
  }

  /** The devices holding these keys; unknown keys are absent from the map. Misses cost one query. */
  public Future<Map<String, KnownDevice>> byKeyIds(Collection<String> keyIds) {
    Map<String, KnownDevice> found = new HashMap<>(byKeyId.getAllPresent(keyIds));
    List<String> missing = keyIds.stream().filter(k -> !found.containsKey(k)).toList();
    if (missing.isEmpty()) {
      return Future.succeededFuture(found);
    }
    return devices.byKeyIds(missing).map(loaded -> {
      for (Device d : loaded) {
        KnownDevice known = KnownDevice.of(d);
        byKeyId.put(d.keyId(), known);
        found.put(d.keyId(), known);
      }
      return found;
    });
  }

  void changed(Device device) {
    byKeyId.invalidate(device.keyId());
    byId.invalidate(device.id());
    vertx.eventBus().publish(CHANGED_ADDRESS, device.keyId() + " " + device.id());
  }
}
