package cn.citygrid.mobile.qr;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.client.pull.Replica;
import cn.citygrid.sync.client.store.LocalStore;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.placecode.PlaceCode;
import cn.citygrid.sync.protocol.placecode.PlaceCodeCheck;
import cn.citygrid.sync.protocol.placecode.PlaceCodes;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keys a worker's phone trusts for door codes: pinned ones and synced ones, less those the feed marks retired
 * (the {@code placecode-key} entity as the backend's feed sends it, PlaceCodeIT checks that side).
 */
class PlaceCodeTrustTest {
  private final Sm2KeyPair pinnedKey = Sm2.generateKeyPair();
  private final Sm2KeyPair syncedKey = Sm2.generateKeyPair();

  @Test
  void pinnedAndSyncedKeysVerify_untilTheFeedSaysTheyAreRetired(@TempDir Path dir) throws Exception {
    try (LocalStore store = LocalStore.open(dir.resolve("app.db"))) {
      Replica replica = new Replica(store);
      PlaceCodeTrust trust = new PlaceCodeTrust(List.of(pinnedKey.publicKey()), replica);
      String pinnedCode = code(pinnedKey, "101");
      String syncedCode = code(syncedKey, "102");

      assertThat(trust.verify(pinnedCode)).isInstanceOf(PlaceCodeCheck.Valid.class);
      assertThat(trust.verify(syncedCode)).as("not synced yet").isInstanceOf(PlaceCodeCheck.Refused.class);

      synced(store, pinnedKey, null);
      synced(store, syncedKey, null);
      assertThat(trust.verify(pinnedCode)).isInstanceOf(PlaceCodeCheck.Valid.class);
      assertThat(trust.verify(syncedCode)).isInstanceOf(PlaceCodeCheck.Valid.class);

      synced(store, pinnedKey, "2026-11-27T10:00:00Z");
      assertThat(trust.verify(pinnedCode)).as("a pinned key the feed retired").isInstanceOfSatisfying(PlaceCodeCheck.Refused.class,
          r -> {
            assertThat(r.why()).isEqualTo(PlaceCodeCheck.Why.RETIRED_KEY);
            assertThat(r.reason()).contains(pinnedKey.publicKey().keyId()).contains("retired");
          });
      assertThat(trust.verify(code(Sm2.generateKeyPair(), "103"))).as("an unknown key is not called retired")
          .isInstanceOfSatisfying(PlaceCodeCheck.Refused.class, r -> assertThat(r.why()).isEqualTo(PlaceCodeCheck.Why.UNKNOWN_KEY));
      assertThat(trust.verify(syncedCode)).isInstanceOf(PlaceCodeCheck.Valid.class);
      synced(store, syncedKey, "2026-11-27T11:00:00Z");
      assertThat(trust.verify(syncedCode)).as("a synced key the feed retired").isInstanceOf(PlaceCodeCheck.Refused.class);
      assertThat(new PlaceCodeTrust(List.of(pinnedKey.publicKey()), null).verify(pinnedCode))
          .as("without a replica (citizen mode) the pinned key is all there is").isInstanceOf(PlaceCodeCheck.Valid.class);
    }
  }

  private static String code(Sm2KeyPair key, String houseId) {
    return PlaceCodes.issue(key.privateKey(),
        new PlaceCode(PlaceCode.Kind.HOUSE, houseId, LocalDate.of(2026, 11, 27), key.publicKey().keyId()));
  }

  /** What the pull writes for a {@code placecode-key} upsert (docs/sync-protocol.md §5). */
  private static void synced(LocalStore store, Sm2KeyPair key, String validUntil) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("kid", key.publicKey().keyId());
    data.put("publicKey", key.publicKey().toPem());
    data.put("validFrom", "2026-11-01T00:00:00Z");
    data.put("validUntil", validUntil);
    store.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO replica (entity, id, data, seq, generation) "
          + "VALUES ('placecode-key', ?, ?, 1, 0) ON CONFLICT (entity, id) DO UPDATE SET data = excluded.data")) {
        ps.setString(1, key.publicKey().keyId());
        ps.setString(2, Json.write(data));
        ps.executeUpdate();
      }
      return null;
    });
  }
}
